import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createEventStoreFixture,
  invoiceIssued,
  type EventStoreFixture,
} from '@monity/core/testing';
import { pino } from 'pino';
import { createPool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/index.ts';
import { countingProjection } from './support/countingProjection.ts';
import { readCounts } from './support/readModel.ts';

const processScript = fileURLToPath(new URL('./support/projectionProcess.ts', import.meta.url));

describe('projection runner killed in the middle of a batch', () => {
  let fixture: EventStoreFixture;
  const tenantId = randomUUID();

  beforeAll(async () => {
    fixture = await createEventStoreFixture();
  });
  afterAll(() => fixture.dispose());

  it('resumes from its checkpoint without applying any event twice or losing one', async () => {
    const streams = Array.from({ length: 60 }, () => `invoice-${randomUUID()}`);
    await fixture.store.appendMany(
      streams.map((streamId) => ({
        stream: { tenantId, streamId },
        events: Array.from({ length: 50 }, (_, i) => invoiceIssued(tenantId, `FV/${i}`)),
        expectedVersion: 'no_stream' as const,
      })),
    );

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', processScript, fixture.database.url, '100', '150'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await expect
      .poll(() => committedBatches(), { timeout: 20_000, interval: 20 })
      .toBeGreaterThan(1);
    await expect.poll(() => batchInFlight(), { timeout: 10_000, interval: 5 }).toBe(true);
    child.kill('SIGKILL');
    await exited;

    const atCrash = await readCounts(fixture.pool);
    expect(atCrash.applied).toBeLessThan(3_000);
    expect(atCrash.applied).toBe(await eventsUpToCheckpoint());
    expect(atCrash.distinctApplied).toBe(atCrash.applied);

    const db = await createPool(fixture.database.url, { maximumPoolSize: 2 });
    const runner = new ProjectionRunner({
      store: fixture.store,
      db,
      logger: pino({ level: 'silent' }),
    });
    runner.register(countingProjection());
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    await db.end();

    const recovered = await readCounts(fixture.pool);
    expect(recovered.applied).toBe(3_000);
    expect(recovered.distinctApplied).toBe(3_000);
    expect(recovered.streams.map((s) => s.events)).toEqual(streams.map(() => 50));
  });

  async function committedBatches(): Promise<number> {
    return Number((await readCounts(fixture.pool)).applied) / 100;
  }

  /** True while the runner's transaction has written a batch and sleeps before committing. */
  async function batchInFlight(): Promise<boolean> {
    const { rows } = await fixture.pool.query(
      `SELECT 1 FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE '%pg_sleep%' AND state = 'active'
         AND pid <> pg_backend_pid()`,
    );
    return rows.length > 0;
  }

  async function eventsUpToCheckpoint(): Promise<number> {
    const { rows } = await fixture.pool.query(
      `SELECT count(*) FROM events e, projection_checkpoints c
       WHERE c.projection = 'stream_counts' AND c.slot = 'live'
         AND (e.transaction_id, e.position) <= (c.transaction_id, c.position)`,
    );
    return Number(rows[0].count);
  }
});
