import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_WINDOW_MS } from '../../src/eventStore/postgres/commitSignal.ts';
import { PostgresEventStore, type RecordedEvent } from '../../src/index.ts';
import { invoiceIssued, testEventTypes } from '../support/eventStoreFixture.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from '../support/testDatabase.ts';

const logger = pino({ level: 'silent' });

describe('PostgreSQL event store: following the log across processes', () => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];
  const stores: PostgresEventStore[] = [];
  const tenantId = randomUUID();

  /** A store with a pool of its own, as another server process would have. */
  const storeOfAnotherProcess = (pollIntervalMs: number, connections = 2) => {
    const pool = createTestPool(database.url, connections);
    const store = new PostgresEventStore({
      pool,
      eventTypes: testEventTypes(),
      logger,
      pollIntervalMs,
    });
    pools.push(pool);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const pool of pools) await pool.end();
    await database.drop();
  });

  it('wakes a subscriber of another process by NOTIFY, long before its next poll', async () => {
    const writer = storeOfAnotherProcess(60_000);
    const reader = storeOfAnotherProcess(60_000);
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({
      onEvents: async (events) => void received.push(...events),
    });
    await subscription.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is in place

    const started = Date.now();
    const event = invoiceIssued(tenantId, 'FV/1/12/2026');
    await writer.append({ tenantId, streamId: 'invoice-1' }, [event], { expectedVersion: 'any' });
    await expect.poll(() => received.map((e) => e.id), { timeout: 5_000 }).toContain(event.id);
    expect(Date.now() - started).toBeLessThan(5_000);
    await subscription.stop();
  });

  it('sends one notification per window however many appends commit in it', async () => {
    const writer = storeOfAnotherProcess(60_000, 8);
    const listener = new pg.Client(database.url);
    await listener.connect();
    let notifications = 0;
    listener.on('notification', () => notifications++);
    await listener.query('LISTEN monity_events');

    const started = Date.now();
    const writers = 8;
    const appendsEach = 50;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsEach; i++) {
          const event = invoiceIssued(tenantId, `FV/${w}/${i}/12/2026`);
          await writer.append({ tenantId, streamId: `window-${w}` }, [event], {
            expectedVersion: 'any',
          });
        }
      }),
    );
    await writer.close();
    const windows = Math.ceil((Date.now() - started) / NOTIFY_WINDOW_MS);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the last one arrives
    await listener.end();

    expect(notifications).toBeGreaterThan(0);
    expect(notifications).toBeLessThanOrEqual(windows + 1);
    expect(notifications).toBeLessThan((writers * appendsEach) / 10);
  });

  it('finds by polling an event whose notification never came', async () => {
    const reader = storeOfAnotherProcess(100);
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({
      onEvents: async (events) => void received.push(...events),
    });
    await subscription.caughtUp();

    const id = randomUUID();
    const client = new pg.Client(database.url);
    await client.connect();
    await client.query(
      `INSERT INTO events (id, tenant_id, stream_id, stream_version, type, schema_version, data,
         metadata) VALUES ($1, $2, 'invoice-2', 1, 'PaymentRecorded', 1, '{"amount": 1}', $3)`,
      [id, tenantId, invoiceIssued(tenantId, 'x').metadata],
    );
    await client.end();
    await expect.poll(() => received.map((e) => e.id), { timeout: 5_000 }).toContain(id);
    await subscription.stop();
  });
});
