import type { Logger } from 'pino';
import { execute, type BenchServer } from '../support/postgres.ts';
import { emmettReadAll } from './emmett.ts';
import type { InvoiceTotals } from './fold.ts';
import { readAll, type ReadAllResult } from './readAll.ts';
import { inRounds, timed } from './rounds.ts';

/** Monity's read-all over the bulk-append database; every round must fold every event. */
export async function readAllRounds(
  url: string,
  pageSize: number,
  events: number,
  logger: Logger,
): Promise<ReadAllResult> {
  // Not timed: sets hint bits and statistics once, as autovacuum would after an import.
  await execute(url, 'VACUUM ANALYZE events');
  let totals: InvoiceTotals | undefined;
  const reads = await inRounds(logger, [
    {
      name: 'read-all',
      async measure() {
        const result = await readAll(url, pageSize, logger);
        totals = result.totals;
        return checked(result, events);
      },
    },
  ]);
  return { rate: reads['read-all'], totals: totals! };
}

/**
 * Once: writing 1M events through Emmett takes minutes, and its reader scans the whole table
 * for every batch (there is no index on the global position), so one read takes minutes too.
 */
export async function emmettReadAllOnce(
  server: BenchServer,
  pageSize: number,
  events: number,
  logger: Logger,
): Promise<ReadAllResult> {
  const url = await server.createDatabase('bench_emmett_read');
  const result = await timed(logger, 'emmett-read-all', 1, () =>
    emmettReadAll(url, events, pageSize),
  );
  checked(result, events);
  return result;
}

function checked(result: ReadAllResult, events: number): number {
  if (result.totals.count !== events) {
    throw new Error(`A read-all folded ${result.totals.count} events, expected ${events}`);
  }
  return result.rate;
}
