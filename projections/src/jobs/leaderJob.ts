import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import type pg from 'pg';

interface Logger {
  warn(object: object, message: string): void;
}

/** When a job is due, in bree's terms: after start (`timeout`), every so often, or by cron. */
type When = { timeout: string } | { interval: string } | { cron: string };

export interface LeaderJobOptions {
  name: string;
  when: When[];
  /** A number fixed per job: the PostgreSQL advisory lock only one process holds at a time. */
  lock: number;
  /** The owner's pool: it lists every company and holds the lock. */
  pgPool: pg.Pool;
  logger: Logger;
  /** One company's work; the job runs it for each company in turn. */
  work: (tenant: { id: string; timeZone: string }) => Promise<unknown>;
}

/**
 * Scheduled work over every company that one server process does at a time: bree keeps the
 * schedule, running `jobs/due.mjs` in a worker thread that only says the work is due (the
 * work needs this process's pools); a PostgreSQL advisory lock picks the process that does it,
 * and a run still going makes the next one wait its turn instead of starting beside it.
 */
export class LeaderJob {
  private readonly bree: Bree;
  private running: Promise<void> | undefined;

  constructor(private readonly options: LeaderJobOptions) {
    const path = fileURLToPath(new URL('./due.mjs', import.meta.url));
    this.bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: false,
      jobs: options.when.map((when, i) => ({ name: `${options.name}-${i}`, path, ...when })),
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

  /** Every company's work now, unless this process or another is at it. */
  private runAll(): Promise<void> {
    this.running ??= this.lockedRun().finally(() => (this.running = undefined));
    return this.running;
  }

  private async lockedRun() {
    const { pgPool, lock, logger, work, name } = this.options;
    const client = await pgPool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [lock],
      );
      if (!rows[0]!.locked) return;
      try {
        const tenants = await client.query<{ id: string; time_zone: string }>(
          'SELECT id, time_zone FROM tenants ORDER BY id',
        );
        for (const tenant of tenants.rows)
          await work({ id: tenant.id, timeZone: tenant.time_zone });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [lock]);
      }
    } catch (error) {
      logger.warn({ err: (error as Error).message, job: name }, 'scheduled work failed');
    } finally {
      client.release();
    }
  }
}
