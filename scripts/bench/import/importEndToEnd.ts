import type { Logger } from 'pino';
import type pg from 'pg';
import { importCsv, startBenchMonity } from '../support/monityServer.ts';
import { ERP_MAPPING } from './invoiceFile.ts';

/** Samples the process's resident memory while `work` runs, and returns the peak in MB. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

const SNAPSHOTS_WAIT_MS = 60_000;
const POLL_MS = 500;

/**
 * Waits for the KPI snapshots a server takes 15 seconds after it starts, which backfill a new
 * tenant's last 400 days. Begun during the import, that backfill ran 400 aging queries over the
 * growing invoice table beside it (64 s of PostgreSQL's time in a 100,000-row run, more than
 * the import's own statements): a start-up job of a fresh server, not the import's work. It
 * is over once the number of snapshots has stopped growing.
 */
async function afterStartUpSnapshots(db: pg.Client, logger: Logger): Promise<void> {
  const count = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM kpi_snapshots')).rows[0]!.n);
  const deadline = Date.now() + SNAPSHOTS_WAIT_MS;
  let last = 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const current = await count();
    if (current > 0 && current === last) return;
    last = current;
  }
  logger.warn('KPI snapshots not taken within a minute of the start; importing beside them');
}

/** The whole import as a user runs it, through the HTTP API of a Monity server in this process. */
export async function importEndToEnd(databaseUrl: string, file: string, logger: Logger) {
  const monity = await startBenchMonity(databaseUrl);
  try {
    await afterStartUpSnapshots(monity.db, logger);
    const measured = await withPeakRss(() => importCsv(monity, file, ERP_MAPPING, logger));
    return { ...measured.result, peakMb: measured.peakMb };
  } finally {
    await monity.stop();
  }
}
