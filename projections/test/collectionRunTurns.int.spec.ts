import { randomUUID } from 'node:crypto';
import type { TenantDatabase } from '@monity/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CollectionScheduler, RUN_LOCK } from '../src/collection/collectionScheduler.ts';

/**
 * Runs of one company's collection take turns through an advisory lock of the server. The
 * company's data is never reached here: the runs find no active process.
 */
describe("a company's collection runs", () => {
  let pool: pg.Pool;
  let holder: pg.Client;
  const transactions: string[] = [];
  const tenantDb = {
    transaction: async (options: { tenantId: string }, work: (tx: unknown) => unknown) => {
      transactions.push(options.tenantId);
      return work({ query: async () => ({ rows: [] }) });
    },
  } as unknown as TenantDatabase;
  const logger = { info: () => undefined, warn: () => undefined };
  let scheduler: CollectionScheduler;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('postgresUrl'), max: 4 });
    holder = new pg.Client(inject('postgresUrl'));
    await holder.connect();
    scheduler = new CollectionScheduler({
      tenantDb,
      pgPool: pool,
      clock: { now: () => new Date('2026-03-02T09:00:00Z') },
      logger,
      sender: () => {
        throw new Error('nothing is sent here');
      },
      tickSeconds: 60,
    });
  });
  afterAll(async () => {
    await holder.end();
    await pool.end();
  });

  /** Holds the run's lock of a company as a run under way in another process would. */
  async function runUnderWay(tenantId: string) {
    await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUN_LOCK, tenantId]);
    return () => holder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK, tenantId]);
  }

  it('leave a company out of the tick while its run is under way', async () => {
    const tenantId = randomUUID();
    const release = await runUnderWay(tenantId);
    const report = await scheduler.runTenant(tenantId, 'Europe/Warsaw', { ifIdle: true });
    expect(report).toMatchObject({ scheduled: 0, already: 0, failed: 0 });
    expect(transactions).not.toContain(tenantId);
    await release();
    await scheduler.runTenant(tenantId, 'Europe/Warsaw', { ifIdle: true });
    expect(transactions).toContain(tenantId);
  });

  it('make a run asked for by hand wait for the one under way', async () => {
    const tenantId = randomUUID();
    const release = await runUnderWay(tenantId);
    let done = false;
    const run = scheduler.runTenant(tenantId, 'Europe/Warsaw').then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    expect(transactions).not.toContain(tenantId);
    await release();
    await run;
    expect(transactions).toContain(tenantId);
  });
});
