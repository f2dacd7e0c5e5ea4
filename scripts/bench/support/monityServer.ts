import { openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@monity/core';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { now } from './measure.ts';

/** A session of a freshly signed-up owner, as the web app holds it. */
async function signUp(url: string) {
  const response = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      companyName: 'Benchmark sp. z o.o.',
      taxId: '5260250274',
      name: 'Bench Owner',
      email: 'bench@monity.local',
      password: 'correct horse battery staple',
    }),
  });
  if (response.status !== 201) throw new Error(`sign-up failed: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return { 'x-csrf-token': csrfToken, cookie };
}

export interface BenchMonity {
  url: string;
  /** The signed-up owner's session headers. */
  headers: Record<string, string>;
  /** A plain connection to the server's database, for checks outside the API. */
  db: pg.Client;
  stop(): Promise<void>;
}

/** A Monity server in this process on `databaseUrl`, with a signed-up owner. */
export async function startBenchMonity(databaseUrl: string): Promise<BenchMonity> {
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-bench-server-'));
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      MONITY_DATA_DIR: dataDir,
      MONITY_DEMO_TENANT: 'false',
      MONITY_SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
    },
    '/nonexistent',
  );
  const server = await startServer({ ...config, port: 0 }, pino({ level: 'warn' }));
  const db = new pg.Client(databaseUrl);
  await db.connect();
  return {
    url: server.url,
    headers: await signUp(server.url),
    db,
    async stop() {
      await db.end();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Imports a CSV file as a user does, through the API: upload, start the job with the mapping,
 * wait until it is done and the read models have caught up with every event it appended.
 */
export async function importCsv(
  monity: BenchMonity,
  file: string,
  mapping: object,
  logger: Logger,
) {
  const { url, headers } = monity;
  const start = now();
  const form = new FormData();
  form.append('file', await openAsBlob(file), 'naleznosci.csv');
  const uploaded = await fetch(`${url}/api/import-jobs/files`, {
    method: 'POST',
    headers,
    body: form,
  });
  const { id } = (await uploaded.json()) as { id: string };
  const started = await fetch(`${url}/api/import-jobs/${id}/start`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping }),
  });
  if (started.status !== 202) throw new Error(`start failed: ${await started.text()}`);
  const job = await waitForJob(url, headers, id, logger);
  const jobMs = now() - start;
  logger.info({ seconds: Math.round(jobMs / 100) / 10 }, 'import job done');
  await waitForProjection(monity.db);
  return { job, ms: now() - start, jobMs };
}

interface Job {
  status: string;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

async function waitForJob(
  url: string,
  headers: Record<string, string>,
  id: string,
  logger: Logger,
) {
  let reported = 0;
  for (;;) {
    const job = (await (await fetch(`${url}/api/import-jobs/${id}`, { headers })).json()) as Job;
    if (job.status === 'done') return job;
    if (job.status === 'failed') throw new Error(`import failed: ${job.error}`);
    if (job.processedRows - reported >= 100_000) {
      reported = job.processedRows;
      logger.info({ rows: job.processedRows }, 'importing');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the ledger projection's checkpoint has passed the last event in the store. */
async function waitForProjection(db: pg.Client) {
  for (;;) {
    const { rows } = await db.query<{ caught_up: boolean }>(
      `SELECT coalesce((SELECT (c.transaction_id, c.position) >= (e.transaction_id, e.position)
         FROM projection_checkpoints c,
           (SELECT transaction_id, position FROM events ORDER BY transaction_id DESC, position DESC
            LIMIT 1) e
         WHERE c.projection = 'ledger' AND c.slot = 'live'), false) AS caught_up`,
    );
    if (rows[0]!.caught_up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
