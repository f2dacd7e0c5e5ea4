import { randomUUID } from 'node:crypto';
import {
  createTestPool,
  signUp,
  startAccessServer,
  type AccessServer,
  type Browser,
} from '@monity/core/testing';
import type pg from 'pg';
import { createPool, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceChange, type ReadModelChange } from '../src/live/readModelChange.ts';
import { LISTENER_NAME } from '../src/live/readModelListener.ts';
import { openEventStream, type EventStreamClient } from './support/eventStreamClient.ts';

let access: AccessServer;
let url: string;
let pool: pg.Pool;
let notices: ReadModelChange[];
let listening: pg.PoolClient;
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  access = await startAccessServer();
  url = access.server.url;
  pool = createTestPool(access.database.url, 3);
  notices = [];
  listening = await pool.connect();
  listening.on('notification', ({ payload }) => notices.push(JSON.parse(payload!)));
  await listening.query('LISTEN monity_read_models');
});
afterAll(async () => {
  streams.forEach((stream) => stream.close());
  listening.release();
  await pool.end();
  await access.close();
});

async function live(browser: Browser, headers: Record<string, string> = {}) {
  const stream = await openEventStream(`${url}/api/live`, { cookie: browser.cookie!, ...headers });
  streams.push(stream);
  return stream;
}

let batches = 0;
/** A ledger batch of one new customer with one invoice. */
function batch() {
  const n = ++batches;
  return {
    customers: [{ id: `K${n}`, name: `Klient ${n}` }],
    invoices: [
      {
        id: `FV/${n}`,
        number: `FV/${n}`,
        customerId: `K${n}`,
        issueDate: '2026-01-10',
        dueDate: '2026-01-24',
        currency: 'PLN',
        amount: '100.00',
      },
    ],
  };
}

async function post(browser: Browser) {
  const response = await browser.request('POST', '/api/ledger/batch', batch());
  expect(response.status).toBe(200);
}

/** Waits until every projection has applied every committed event. */
async function caughtUp(browser: Browser) {
  await expect
    .poll(
      async () => {
        const { projections } = (await browser.request('GET', '/api/projections')).body;
        return projections.flatMap((p: { slots: { pendingEvents: number }[] }) =>
          p.slots.map((slot) => slot.pendingEvents),
        );
      },
      { timeout: 10_000 },
    )
    .toSatisfy((pending: number[]) => pending.every((count) => count === 0));
}

async function ledgerCheckpoint(browser: Browser): Promise<string> {
  const { projections } = (await browser.request('GET', '/api/projections')).body;
  const ledger = projections.find((p: { name: string }) => p.name === 'ledger');
  return ledger.slots.find((slot: { slot: string }) => slot.slot === 'live').checkpoint;
}

const readModels = (stream: EventStreamClient) =>
  stream.events.filter((e) => e.event === 'read-models').map((e) => JSON.parse(e.data));

const naming = (projection: string) => (data: unknown) =>
  (data as { projections: string[] }).projections.includes(projection);

interface OpenApi {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, OpenApiResponse> }>
  >;
}
interface OpenApiResponse {
  content: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/live', () => {
  it('refuses a request without a session or an API key', async () => {
    const response = await fetch(`${url}/api/live`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('is in the OpenAPI document as an event stream', async () => {
    const document = (await (await fetch(`${url}/api/openapi.json`)).json()) as OpenApi;
    const operation = document.paths['/api/live']!.get!;
    expect(operation.operationId).toBe('followReadModelChanges');
    expect(Object.keys(operation.responses['200']!.content)).toEqual(['text/event-stream']);
  });

  it('tells a company its ledger changed, and tells another company nothing', async () => {
    const a = await signUp(url, 'Live Alfa');
    const b = await signUp(url, 'Live Beta');
    await caughtUp(a.browser);
    const alfa = await live(a.browser);
    const beta = await live(b.browser);
    expect(alfa.status).toBe(200);
    expect(alfa.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(alfa.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(alfa.headers.get('x-accel-buffering')).toBe('no');
    expect(alfa.headers.get('content-encoding')).toBeNull();
    await alfa.next('ready');
    await beta.next('ready');

    await post(a.browser);

    const changed = await alfa.next('read-models', naming('ledger'));
    expect(changed).toEqual({
      projections: expect.arrayContaining(['ledger']),
      position: expect.stringMatching(/^\d+:\d+$/),
    });
    expect(alfa.events.find((e) => e.event === 'read-models')?.id).toMatch(/^\d+:\d+$/);
    await caughtUp(a.browser);
    await sleep(700);
    expect(readModels(beta)).toEqual([]);
  });

  it('follows an API key as it follows a session', async () => {
    const { browser } = await signUp(url, 'Live Klucz');
    const created = await browser.request('POST', '/api/api-keys', { name: 'tv', role: 'viewer' });
    expect(created.status).toBe(201);
    await caughtUp(browser);
    const stream = await openEventStream(`${url}/api/live`, {
      authorization: `Bearer ${created.body.key}`,
    });
    streams.push(stream);
    await stream.next('ready');

    await post(browser);

    await stream.next('read-models', naming('ledger'));
  });

  it('merges a burst of batches into a message per 500 ms, the last after the last batch', async () => {
    const { browser, session } = await signUp(url, 'Live Gamma');
    const tenantId: string = session.tenant.id;
    await caughtUp(browser);
    const stream = await live(browser);
    await stream.next('ready');
    const noticesBefore = notices.length;

    // Apart by more than a subscription gathers commits (25 ms), so the read model commits
    // each batch on its own and the stream has a burst of commits to merge.
    for (let i = 0; i < 10; i++) {
      await post(browser);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const lastPosted = performance.now();
    await caughtUp(browser);
    const checkpoint = await ledgerCheckpoint(browser);

    const isLedgerCommit = (notice: ReadModelChange) =>
      notice.projection === 'ledger' && notice.tenants?.includes(tenantId);
    await expect
      .poll(() => notices.some((n) => isLedgerCommit(n) && n.position === checkpoint))
      .toBe(true);
    const ledgerCommits = notices.slice(noticesBefore).filter(isLedgerCommit);
    await stream.next('read-models', (data) => {
      return byPosition((data as { position: string }).position, checkpoint) >= 0;
    });
    const messages = stream.events.filter((e) => e.event === 'read-models');
    expect(messages.length).toBeLessThan(ledgerCommits.length);
    expect(messages.at(-1)!.at).toBeGreaterThan(lastPosted);
    for (let i = 1; i < messages.length; i++) {
      expect(messages[i]!.at - messages[i - 1]!.at).toBeGreaterThan(450);
    }
  });

  it('begins a resumed stream with every read model, as what it missed is unknown', async () => {
    const { browser } = await signUp(url, 'Live Delta');
    await caughtUp(browser);
    const first = await live(browser);
    const { position } = (await first.next('ready')) as { position: string };
    first.close();

    const resumed = await live(browser, { 'last-event-id': position });

    const changed = await resumed.next('read-models');
    expect(changed).toMatchObject({ projections: expect.arrayContaining(['ledger', 'audit_log']) });
  });

  it('lists the tenants of a commit, or none when they would not fit a notification', async () => {
    const db: DatabasePool = await createPool(access.database.url, { maximumPoolSize: 1 });
    const few = [randomUUID(), randomUUID()];
    const many = Array.from({ length: 250 }, () => randomUUID());
    const before = notices.length;

    await db.transaction(async (tx) => {
      await announceChange(tx, { projection: 'test_few', tenants: few, position: '1:1' });
      await announceChange(tx, { projection: 'test_many', tenants: many, position: '1:2' });
      await sleep(100);
      expect(notices.length).toBe(before); // nothing before the commit
    });
    await db.end();

    await expect.poll(() => notices.length).toBe(before + 2);
    expect(notices.slice(before)).toEqual([
      { projection: 'test_few', tenants: few, position: '1:1' },
      { projection: 'test_many', tenants: null, position: '1:2' },
    ]);
  });

  it('announces a rebuild once, at the swap, for every tenant', async () => {
    const { browser } = await signUp(url, 'Live Epsilon');
    await post(browser);
    await caughtUp(browser);
    const stream = await live(browser);
    await stream.next('ready');
    const before = notices.length;

    const rebuild = await browser.request('POST', '/api/projections/ledger/rebuild');
    expect(rebuild.status).toBe(202);

    await stream.next('read-models', naming('ledger'));
    const ledger = () => notices.slice(before).filter((notice) => notice.projection === 'ledger');
    await expect.poll(() => ledger().length).toBeGreaterThan(0);
    expect(ledger()).toEqual([
      { projection: 'ledger', tenants: null, position: expect.stringMatching(/^\d+:\d+$/) },
    ]);
  });

  it('listens again after losing its connection, and resyncs its streams', async () => {
    const { browser } = await signUp(url, 'Live Zeta');
    await caughtUp(browser);
    const stream = await live(browser);
    await stream.next('ready');

    const { rowCount } = await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [LISTENER_NAME],
    );
    expect(rowCount).toBeGreaterThan(0);

    const resynced = await stream.next('read-models');
    expect(resynced).toMatchObject({
      projections: expect.arrayContaining(['ledger', 'audit_log']),
    });
    await sleep(600); // past the merge interval, so the next message is the batch's own
    const seen = readModels(stream).length;
    await post(browser);
    await expect.poll(() => readModels(stream).slice(seen).some(naming('ledger'))).toBe(true);
  });
});

function byPosition(a: string, b: string): number {
  const [at, as] = a.split(':').map(BigInt);
  const [bt, bs] = b.split(':').map(BigInt);
  if (at !== bt) return at! < bt! ? -1 : 1;
  return as === bs ? 0 : as! < bs! ? -1 : 1;
}
