import { fileURLToPath } from 'node:url';
import { dayIn, type Clock, type TenantDatabase } from '@monity/core';
import Bree from 'bree';
import type pg from 'pg';
import { snapshotTenant } from './kpiSnapshots.ts';

/** A year and a month of history: the dashboard draws twelve months. */
const BACKFILL_DAYS = 400;
// Any number fixed for Monity: only one process at a time runs the snapshots.
const SNAPSHOT_LOCK = 0x6d6f6e_6b7069;

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SnapshotDeps {
  tenantDb: TenantDatabase;
  /** The owner's pool: lists every tenant and holds the advisory lock. */
  pgPool: pg.Pool;
  clock: Clock;
  logger: Logger;
}

/**
 * Keeps every tenant's daily KPI snapshot: shortly after start and then every hour (so each
 * tenant's midnight is met, whatever its time zone), today's snapshot is refreshed and missing
 * past days are backfilled. bree keeps the schedule; a PostgreSQL advisory lock lets only one
 * of several server processes do the work at a time.
 */
export class SnapshotSchedule {
  private readonly bree: Bree;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: SnapshotDeps) {
    const path = fileURLToPath(new URL('../jobs/due.mjs', import.meta.url));
    this.bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: false,
      jobs: [
        { name: 'kpi-snapshots-at-start', path, timeout: '15s' },
        { name: 'kpi-snapshots', path, cron: '7 * * * *' },
      ],
      workerMessageHandler: ({ message }: { message: unknown }) => {
        if (message === 'due') void this.runAll();
      },
    });
  }

  async start() {
    await this.bree.start();
  }

  async stop() {
    await this.bree.stop();
    await this.running;
  }

  /** Runs the snapshots of every tenant now, unless this process or another is at it. */
  runAll(): Promise<void> {
    this.running ??= this.lockedRun().finally(() => (this.running = undefined));
    return this.running;
  }

  private async lockedRun() {
    const client = await this.deps.pgPool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [SNAPSHOT_LOCK],
      );
      if (!rows[0]!.locked) return;
      try {
        const tenants = await client.query<{ id: string; time_zone: string }>(
          'SELECT id, time_zone FROM tenants ORDER BY id',
        );
        for (const tenant of tenants.rows) await this.runTenant(tenant.id, tenant.time_zone);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SNAPSHOT_LOCK]);
      }
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message }, 'KPI snapshots failed');
    } finally {
      client.release();
    }
  }

  /** One tenant's snapshots, logging the progress of a long backfill. */
  async runTenant(tenantId: string, timeZone: string): Promise<number> {
    const today = dayIn(timeZone, this.deps.clock);
    const started = Date.now();
    const days = await snapshotTenant(this.deps.tenantDb, tenantId, today, {
      backfillDays: BACKFILL_DAYS,
      onProgress: ({ done, total }) => {
        if (total > 1 && (done % 50 === 0 || done === total)) {
          this.deps.logger.info({ tenantId, done, total }, 'KPI snapshots backfilled');
        }
      },
    });
    if (days > 1) {
      this.deps.logger.info({ tenantId, days, ms: Date.now() - started }, 'KPI snapshots stored');
    }
    return days;
  }
}
