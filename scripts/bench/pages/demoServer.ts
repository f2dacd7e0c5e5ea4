import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The embedded server's own login (core/src/database/embeddedPostgres.ts), on loopback only. */
const EMBEDDED_LOGIN = 'postgres:monity-embedded';

export interface DemoServer {
  url: string;
  email: string;
  password: string;
  /** The embedded PostgreSQL's database, for the report's header and for checks. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * `npm start` as a user runs it: the built web app, an embedded PostgreSQL in a temporary
 * folder and the demo company, on free ports. Builds the web app first when it is stale.
 */
export async function startDemoServer(logger: Logger): Promise<DemoServer> {
  for (const script of ['ensure-chromium.mjs', 'ensure-web-build.mjs']) {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], {
      stdio: ['ignore', 2, 2],
    });
    if (run.status !== 0) throw new Error(`scripts/${script} failed`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-bench-pages-'));
  await chmod(dataDir, 0o755); // the embedded PostgreSQL runs as its own user and must enter it
  const postgresPort = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(await freePort()),
      MONITY_DATA_DIR: dataDir,
      MONITY_EMBEDDED_POSTGRES_PORT: String(postgresPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const login = await printedLogin(server);
    logger.info({ url: login.url }, 'demo server started');
    const databaseUrl = `postgres://${EMBEDDED_LOGIN}@127.0.0.1:${postgresPort}/monity`;
    return { ...login, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server's URL and the demo owner's login, as `npm start` prints them. */
function printedLogin(server: ReturnType<typeof spawn>) {
  return new Promise<{ url: string; email: string; password: string }>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Monity is running at (http:\/\/\S+)/.exec(output);
      const demo = /demo company as (\S+) with password (\S+)/.exec(output);
      if (url && demo) resolve({ url: url[1]!, email: demo[1]!, password: demo[2]! });
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.on('exit', (code) => reject(new Error(`Monity exited with ${code}:\n${output}`)));
  });
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
