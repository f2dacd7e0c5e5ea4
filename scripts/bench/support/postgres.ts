import { migrate, startEmbeddedPostgres } from '@monity/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { cpuSeconds, type CpuSeconds } from './cpu.ts';

const TEMPLATE = 'bench_template';

/** One embedded PostgreSQL for a whole run, with durable defaults, in a temporary folder. */
export interface BenchServer {
  /** The server's `postgres` database, for administration. */
  url: string;
  /** A fresh database; with `migrated`, a copy of one holding Monity's schema. */
  createDatabase(name: string, options?: { migrated?: boolean }): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  urlOf(database: string): string;
  /** CPU-seconds used so far by this process and by the server. */
  cpu(): CpuSeconds;
  stop(): Promise<void>;
}

async function startBenchServer(logger: Logger): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-bench-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, port: 0 }).catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  logger.info({ dataDir }, 'postgres started');
  const stop = async () => {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
    logger.info({ dataDir }, 'postgres stopped and removed');
  };

  await createTemplate(postgres.url, logger).catch(async (error) => {
    await stop();
    throw error;
  });
  return {
    url: postgres.url,
    async createDatabase(name, options = {}) {
      await execute(
        postgres.url,
        `CREATE DATABASE ${name}${options.migrated ? ` TEMPLATE ${TEMPLATE}` : ''}`,
      );
      return withDatabase(postgres.url, name);
    },
    dropDatabase: (name) => execute(postgres.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    urlOf: (database) => withDatabase(postgres.url, database),
    cpu: () => cpuSeconds(dataDir),
    stop,
  };
}

/** Runs `work` against a fresh server and always stops and removes the server afterwards. */
export async function withBenchServer<T>(
  logger: Logger,
  work: (server: BenchServer) => Promise<T>,
): Promise<T> {
  const server = await startBenchServer(logger);
  const interrupted = () => void server.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await work(server);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await server.stop();
  }
}

/** Migrated once; CREATE DATABASE … TEMPLATE copies it in a moment. */
async function createTemplate(url: string, logger: Logger): Promise<void> {
  await execute(url, `CREATE DATABASE ${TEMPLATE}`);
  await migrate(withDatabase(url, TEMPLATE), logger);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement on a connection of its own, e.g. VACUUM, which needs no transaction. */
export async function execute(url: string, statement: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
