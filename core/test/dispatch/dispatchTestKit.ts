import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { findFreePort } from '../../src/database/embeddedPostgres.ts';
import { CRASH_VARIABLE, type CrashPoint } from '../../src/dispatch/crashPoint.ts';
import { signUp, type Browser } from '../access/accessTestKit.ts';
import { startMonity, type MonityProcess } from '../server/monityProcess.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from '../support/testDatabase.ts';

/**
 * Mailgun's messages API on a local port, counting each message by the id Monity sends as the
 * `v:monity-message-id` variable: how many times a provider was handed each message.
 */
export async function startCountingProvider(options: { delayMs?: number } = {}) {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const type = req.headers['content-type'] ?? '';
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': type },
      }).formData();
      const id = String(form.get('v:monity-message-id'));
      received.set(id, (received.get(id) ?? 0) + 1);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `<${id}@mg.firma.pl>`, message: 'Queued. Thank you.' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type CountingProvider = Awaited<ReturnType<typeof startCountingProvider>>;

/** One database and data folder that every Monity process of a test shares. */
export async function createDispatchSite(provider: CountingProvider) {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-dispatch-'));
  const pool = createTestPool(database.url, 2);
  const running = new Set<MonityProcess>();

  const start = async (env: { crash?: `${CrashPoint}@${number}`; concurrency?: number } = {}) => {
    const monity = startMonity(
      {
        PORT: String(await findFreePort()),
        DATABASE_URL: database.url,
        MONITY_DATA_DIR: dataDir,
        MONITY_DEMO_TENANT: 'false',
        MONITY_SERVE_WEB: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        MONITY_DISPATCH_LEASE_SECONDS: '2',
        MONITY_DISPATCH_POLL_MS: '100',
        MONITY_DISPATCH_CONCURRENCY: String(env.concurrency ?? 1),
        MONITY_PLUGINS: JSON.stringify({
          config: { '@monity/channel-mailgun': { apiUrl: provider.url, timeoutMs: 10_000 } },
        }),
        ...(env.crash ? { [CRASH_VARIABLE]: env.crash } : {}),
      },
      dataDir,
    );
    running.add(monity);
    void monity.exited.then(() => running.delete(monity));
    return { monity, url: await monity.url };
  };

  return {
    pool,
    start,
    async dispose() {
      for (const monity of running) monity.child.kill('SIGKILL');
      await pool.end();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A company whose e-mail leaves through a Mailgun account (the counting provider). */
export async function mailgunCompany(url: string, name: string): Promise<Browser> {
  const { browser } = await signUp(url, name);
  const account = await browser.request('POST', '/api/channel-accounts', {
    channel: 'mailgun',
    name: 'Mailgun',
    defaultFor: ['email'],
    settings: { domain: 'mg.firma.pl', apiKey: 'key-test', from: 'windykacja@mg.firma.pl' },
  });
  if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.body)}`);
  return browser;
}

/** Queues `count` e-mails to leave at `notBefore`, a few requests at a time. */
export async function enqueueMany(browser: Browser, count: number, notBefore: Date) {
  const ids: string[] = [];
  const one = async (i: number) => {
    const response = await browser.request('POST', '/api/messages', {
      medium: 'email',
      to: `klient${i}@example.pl`,
      subject: `Przypomnienie ${i}`,
      text: 'Uprzejmie przypominamy o płatności.',
      notBefore: notBefore.toISOString(),
    });
    if (response.status !== 202) throw new Error(`enqueue: ${JSON.stringify(response.body)}`);
    ids.push(response.body.id as string);
  };
  for (let i = 0; i < count; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => one(i + j)));
  }
  return ids;
}

export interface OutboxRow {
  message_id: string;
  state: string;
  outcome: string | null;
  attempts: number;
  claimed_by: string | null;
}

export async function outboxRows(pool: pg.Pool): Promise<OutboxRow[]> {
  const { rows } = await pool.query<OutboxRow>(
    'SELECT message_id, state, outcome, attempts, claimed_by FROM outbox ORDER BY message_id',
  );
  return rows;
}

/** The types of each message's events, in order. */
export async function messageHistories(pool: pg.Pool): Promise<Map<string, string[]>> {
  const { rows } = await pool.query<{ stream_id: string; types: string[] }>(
    `SELECT stream_id, array_agg(type ORDER BY stream_version) AS types FROM events
     WHERE stream_id LIKE 'message-%' GROUP BY stream_id`,
  );
  return new Map(rows.map((r) => [r.stream_id.slice('message-'.length), r.types]));
}
