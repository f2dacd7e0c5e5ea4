import { describeMachine } from '../support/machine.ts';
import { withBenchServer, type BenchServer } from '../support/postgres.ts';
import type { Bench, BenchOptions, BenchReport } from '../support/report.ts';
import { assertSameTotals } from './fold.ts';
import { emmettReadAllOnce, readAllRounds } from './readRounds.ts';
import { bulkResults, readResults, singleResults } from './results.ts';
import { BULK_DATABASE, bulkRounds, singleRounds } from './writeRounds.ts';

/** Events per `readAll` page and per Emmett batch; 1,000, 5,000 and 10,000 were tried. */
const PAGE_SIZE = 5_000;

export const eventStoreBench: Bench = {
  targets: {
    'bulk-append': { of: 'ratio', atLeast: 0.5 },
    'single-append-8': { of: 'ratio', atLeast: 0.7 },
    'emmett-single-append-8': { of: 'ratio', atLeast: 2, label: 'single-append-8 / this >= 2' },
    'read-all': { of: 'value', atLeast: 100_000 },
    'emmett-read-all': { of: 'ratio', atLeast: 5, label: 'read-all / this >= 5' },
  },
  run: (options) => withBenchServer(options.logger, (server) => measureAll(server, options)),
};

async function measureAll(
  server: BenchServer,
  { events, logger }: BenchOptions,
): Promise<BenchReport> {
  const machine = await describeMachine(server.url);
  const bulk = await bulkRounds(server, events, logger);
  const bulkUrl = server.urlOf(BULK_DATABASE);
  const read = await readAllRounds(bulkUrl, PAGE_SIZE, events, logger);
  const emmettRead = await emmettReadAllOnce(server, PAGE_SIZE, events, logger);
  assertSameTotals(read.totals, emmettRead.totals);
  const single = await singleRounds(server, logger);

  return {
    bench: 'eventstore',
    machine,
    results: [
      ...bulkResults(bulk['copy-events'], bulk['bulk-append'], events),
      ...singleResults(
        single['single-insert-8'],
        single['single-append-8'],
        single['emmett-single-append-8'],
      ),
      ...readResults(read.rate, emmettRead.rate, PAGE_SIZE),
    ],
  };
}
