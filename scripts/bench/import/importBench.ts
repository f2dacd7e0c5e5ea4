import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from '../support/machine.ts';
import { perSecond } from '../support/measure.ts';
import { withBenchServer } from '../support/postgres.ts';
import { ratio, type Bench } from '../support/report.ts';
import { copyInvoiceFile } from './copyLimit.ts';
import { importEndToEnd } from './importEndToEnd.ts';
import { ERP_MAPPING, writeInvoiceFile } from './invoiceFile.ts';

const CSV_COLUMNS = Object.keys(ERP_MAPPING.columns).length;

/**
 * `npm run bench -- import`: 1,000,000 invoices of 100,000 customers (with `--events`, that
 * many invoices, ten per customer) as an ERP's CSV export, imported end to end through the
 * API, beside a plain COPY of the same file as the limit.
 */
export const importBench: Bench = {
  targets: {
    'import-e2e': { of: 'ratio', atLeast: 0.25 },
    'peak-rss': { of: 'value', atLeast: 1024, below: true },
  },
  run: ({ events, logger }) =>
    withBenchServer(logger, async (server) => {
      const machine = await describeMachine(server.url);
      const folder = await mkdtemp(join(tmpdir(), 'monity-bench-csv-'));
      try {
        const file = join(folder, 'naleznosci.csv');
        const csv = await writeInvoiceFile(file, events / 10);
        logger.info({ rows: csv.rows, megabytes: Math.round(csv.bytes / 2 ** 20) }, 'file written');

        const copy = await copyInvoiceFile(
          await server.createDatabase('bench_copy'),
          file,
          CSV_COLUMNS,
        );
        const copyRate = perSecond(copy.rows, copy.ms);
        logger.info({ rowsPerSecond: copyRate }, 'copy measured');

        const url = await server.createDatabase('bench_import', { migrated: true });
        const imported = await importEndToEnd(url, file, logger);
        const importRate = perSecond(imported.job.processedRows, imported.ms);
        const { created, updated, unchanged, rejected } = imported.job;
        return {
          bench: 'import',
          machine,
          results: [
            { name: 'copy', value: copyRate, unit: 'invoices/s' },
            {
              name: 'import-e2e',
              value: importRate,
              unit: 'invoices/s',
              limit: 'copy',
              ratio: ratio(importRate, copyRate),
              note:
                `${imported.job.processedRows} rows in ${Math.round(imported.ms / 1000)} s ` +
                `(job ${Math.round(imported.jobMs / 1000)} s, then the read models); ` +
                `records created ${created}, updated ${updated}, unchanged ${unchanged}; ` +
                `rows refused ${rejected}`,
            },
            {
              name: 'peak-rss',
              value: imported.peakMb,
              unit: 'MB',
              note: 'whole process, server included',
            },
          ],
        };
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }),
};
