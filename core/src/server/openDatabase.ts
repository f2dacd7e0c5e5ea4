import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { MonityConfig } from '../config/configSchema.ts';
import { startEmbeddedPostgres } from '../database/embeddedPostgres.ts';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'monity';

/** The configured PostgreSQL, or an embedded one kept under the data folder. */
export async function openDatabase(config: MonityConfig, logger: Logger): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }

  const dataDir = join(config.dataDir, 'postgres');
  const started = Date.now();
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: config.embeddedPostgresPort,
    onLog: (line) => logger.debug({ component: 'postgres' }, line.trim()),
  });
  const url = await ensureDatabase(postgres.url, EMBEDDED_DATABASE);
  logger.info({ dataDir, durationMs: Date.now() - started }, 'embedded PostgreSQL started');
  return { url, embedded: true, stop: () => postgres.stop() };
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
