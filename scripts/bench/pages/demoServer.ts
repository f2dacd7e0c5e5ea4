import pg from 'pg';
import type { Logger } from 'pino';
import {
  freePort,
  startDemoServer as startServer,
  type DemoServer as RunningDemo,
} from '../../support/demoServer.ts';

/** The embedded server's own login (core/src/database/embeddedPostgres.ts), on loopback only. */
const EMBEDDED_LOGIN = 'postgres:monity-embedded';

export interface DemoServer extends RunningDemo {
  /** The embedded PostgreSQL's database, for the report's header and for checks. */
  databaseUrl: string;
}

/**
 * `npm start` as a user runs it (scripts/support/demoServer.ts), quiet but for warnings, with
 * the embedded PostgreSQL on a port of its own so that the bench can read its database.
 */
export async function startDemoServer(logger: Logger): Promise<DemoServer> {
  const postgresPort = await freePort();
  const server = await startServer({
    purpose: 'bench-pages',
    env: { MONITY_EMBEDDED_POSTGRES_PORT: String(postgresPort), LOG_LEVEL: 'warn' },
  });
  logger.info({ url: server.url }, 'demo server started');
  const databaseUrl = `postgres://${EMBEDDED_LOGIN}@127.0.0.1:${postgresPort}/monity`;
  return { ...server, databaseUrl };
}

/**
 * A new company's KPI history is backfilled from its ledger a few seconds after the server
 * starts: done when the snapshots have stopped growing for five seconds. Pages are measured
 * after it, not competing with it.
 */
export async function waitForBackfill(databaseUrl: string, logger: Logger) {
  const db = new pg.Client(databaseUrl);
  await db.connect();
  try {
    const started = performance.now();
    let [last, since] = [-1, started];
    for (;;) {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM kpi_snapshots');
      const n = Number(rows[0]!.n);
      if (n !== last) [last, since] = [n, performance.now()];
      const waited = performance.now() - started;
      if ((n > 0 || waited > 60_000) && performance.now() - since > 5_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    logger.info({ snapshots: last }, 'KPI history backfilled');
  } finally {
    await db.end();
  }
}
