import { randomUUID } from 'node:crypto';
import {
  createEventStoreFixture,
  invoiceIssued,
  type EventStoreFixture,
} from '@monity/core/testing';
import { pino } from 'pino';
import { createPool, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProjectionRunner, type Projection } from '../src/index.ts';
import { countingProjection } from './support/countingProjection.ts';
import { readCounts } from './support/readModel.ts';

describe('projection runner', () => {
  let fixture: EventStoreFixture;
  let db: DatabasePool;
  const tenantId = randomUUID();

  beforeAll(async () => {
    fixture = await createEventStoreFixture();
    db = await createPool(fixture.database.url, { maximumPoolSize: 5 });
  });
  afterAll(async () => {
    await db.end();
    await fixture.dispose();
  });
  beforeEach(async () => {
    await fixture.pool.query(`DROP TABLE IF EXISTS rm_stream_counts, rm_applied_events,
      rm_stream_counts__rebuild, rm_applied_events__rebuild; DELETE FROM projection_checkpoints`);
  });

  const runner = (projection: Projection, batchSize = 50) => {
    const created = new ProjectionRunner({
      store: fixture.store,
      db,
      logger: pino({ level: 'silent' }),
      batchSize,
    });
    created.register(projection);
    return created;
  };
  const appendInvoices = async (streams: number, perStream: number) => {
    await fixture.store.appendMany(
      Array.from({ length: streams }, () => ({
        stream: { tenantId, streamId: `invoice-${randomUUID()}` },
        events: Array.from({ length: perStream }, (_, i) => invoiceIssued(tenantId, `FV/${i}`)),
        expectedVersion: 'no_stream' as const,
      })),
    );
  };
  const totalEvents = async () =>
    Number((await fixture.pool.query('SELECT count(*) FROM events')).rows[0].count);

  it('applies every event exactly once, then resumes where it stopped', async () => {
    await appendInvoices(40, 3);
    const first = runner(countingProjection());
    await first.start();
    await first.caughtUp();
    await first.stop();
    expect((await readCounts(fixture.pool)).applied).toBe(await totalEvents());

    await appendInvoices(10, 2);
    const second = runner(countingProjection());
    await second.start();
    await second.caughtUp();
    const model = await readCounts(fixture.pool);
    expect(model.applied).toBe(await totalEvents());
    expect(model.distinctApplied).toBe(model.applied);

    const [status] = await second.status();
    expect(status!.slots).toEqual([
      expect.objectContaining({ slot: 'live', pendingEvents: 0, lagSeconds: 0, running: true }),
    ]);
    await second.stop();
  });

  it('reports how many events a stopped projection has still to apply', async () => {
    const live = runner(countingProjection());
    await live.start();
    await live.caughtUp();
    await live.stop();
    await appendInvoices(7, 1);

    const [status] = await live.status();
    expect(status!.slots[0]).toMatchObject({ slot: 'live', pendingEvents: 7 });
    expect(status!.slots[0]!.lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it('rebuilds into fresh tables while the live ones keep serving, then swaps', async () => {
    await appendInvoices(30, 2);
    const live = runner(countingProjection(), 10);
    await live.start();
    await live.caughtUp();

    await fixture.pool.query('DELETE FROM rm_stream_counts');
    const rebuilding = live.rebuild('stream_counts');
    await expect.poll(async () => (await live.status())[0]!.slots.length).toBe(2);
    expect((await readCounts(fixture.pool)).streams).toEqual([]);
    await rebuilding;

    const rebuilt = await readCounts(fixture.pool);
    expect(rebuilt.streams).toHaveLength(30 + (await previousStreams()));
    expect(rebuilt.applied).toBe(await totalEvents());
    const leftovers = await fixture.pool.query(
      `SELECT tablename FROM pg_tables WHERE tablename LIKE 'rm\\_%\\_\\_%'`,
    );
    expect(leftovers.rows).toEqual([]);
    const pkey = await fixture.pool.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'rm_stream_counts'`,
    );
    expect(pkey.rows).toEqual([{ indexname: 'rm_stream_counts_pkey' }]);

    await appendInvoices(3, 1);
    await live.caughtUp();
    expect((await readCounts(fixture.pool)).applied).toBe(await totalEvents());
    await live.stop();
  });

  it('rebuilds a projection whose version changed, serving the old model until then', async () => {
    await appendInvoices(20, 1);
    const v1 = runner(countingProjection({ version: 1 }));
    await v1.start();
    await v1.caughtUp();
    await v1.stop();

    const v2 = runner(countingProjection({ version: 2, slowMs: 30 }), 5);
    await v2.start();
    const during = await readCounts(fixture.pool);
    expect(new Set(during.streams.map((s) => s.version))).toEqual(new Set([1]));
    await v2.caughtUp();

    const after = await readCounts(fixture.pool);
    expect(new Set(after.streams.map((s) => s.version))).toEqual(new Set([2]));
    expect(after.applied).toBe(await totalEvents());
    const [status] = await v2.status();
    expect(status!.slots).toEqual([expect.objectContaining({ slot: 'live', version: 2 })]);
    await v2.stop();
  });

  async function previousStreams() {
    const { rows } = await fixture.pool.query(
      `SELECT count(DISTINCT stream_id) FROM events WHERE tenant_id = $1`,
      [tenantId],
    );
    return Number(rows[0].count) - 30;
  }
});
