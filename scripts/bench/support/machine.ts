import { availableParallelism, totalmem } from 'node:os';
import pg from 'pg';
import type { Machine } from './report.ts';

/** This machine and the PostgreSQL server at `url`, for the report's header. */
export async function describeMachine(url: string): Promise<Machine> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      cpus: availableParallelism(),
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      postgres: rows[0]!.server_version.split(' ')[0]!,
    };
  } finally {
    await client.end();
  }
}
