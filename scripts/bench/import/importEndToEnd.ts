import type { Logger } from 'pino';
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

/** The whole import as a user runs it, through the HTTP API of a Monity server in this process. */
export async function importEndToEnd(databaseUrl: string, file: string, logger: Logger) {
  const monity = await startBenchMonity(databaseUrl);
  try {
    const measured = await withPeakRss(() => importCsv(monity, file, ERP_MAPPING, logger));
    return { ...measured.result, peakMb: measured.peakMb };
  } finally {
    await monity.stop();
  }
}
