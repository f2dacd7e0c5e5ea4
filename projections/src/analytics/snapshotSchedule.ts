import { dayIn, type Clock, type TenantDatabase } from '@monity/core';
import type pg from 'pg';
import { LeaderJob } from '../jobs/leaderJob.ts';
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
 * past days are backfilled, by one server process at a time (LeaderJob).
 */
export class SnapshotSchedule {
  private readonly job: LeaderJob;

  constructor(private readonly deps: SnapshotDeps) {
    this.job = new LeaderJob({
      name: 'kpi-snapshots',
      when: [{ timeout: '15s' }, { cron: '7 * * * *' }],
      lock: SNAPSHOT_LOCK,
      pgPool: deps.pgPool,
      logger: deps.logger,
      work: (tenant) => this.runTenant(tenant.id, tenant.timeZone),
    });
  }

  start() {
    return this.job.start();
  }

  stop() {
    return this.job.stop();
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
