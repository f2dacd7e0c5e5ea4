/**
 * Writes a demo ledger as an ERP's invoice export:
 *
 *   npx tsx scripts/demo/generateCsv.ts --customers 100000 --out /tmp/ledger.csv \
 *     [--format erp-pl|iso] [--seed 1] [--today 2026-12-03] [--invoices-per-customer 10]
 *
 * `--today` defaults to the current day (UTC), so pass it for a file that repeats byte for byte.
 * Counts, time and peak memory go to standard error.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { writeInvoicesCsv } from './invoicesCsv.ts';
import { generateLedger } from './ledgerGenerator.ts';

const USAGE =
  'usage: generateCsv.ts --customers N --out FILE [--format erp-pl|iso] [--seed N] ' +
  '[--today YYYY-MM-DD] [--invoices-per-customer N]';

const OPTIONS = {
  customers: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string', default: 'erp-pl' },
  seed: { type: 'string', default: '1' },
  today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
  'invoices-per-customer': { type: 'string', default: '10' },
} as const;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS }));
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const format = values.format;
  if (values.customers === undefined || values.out === undefined) return fail(USAGE);
  if (format !== 'erp-pl' && format !== 'iso') return fail(`--format must be erp-pl or iso`);

  try {
    const ledger = generateLedger({
      customers: Number(values.customers),
      seed: Number(values.seed),
      today: values.today,
      invoicesPerCustomer: Number(values['invoices-per-customer']),
    });
    let started = performance.now();
    const counts = ledger.counts();
    log(
      `${counts.customers} customers, ${counts.invoices} invoices and credit notes, ` +
        `${counts.payments} payments (counted in ${since(started)} s)`,
    );
    started = performance.now();
    const output = createWriteStream(values.out);
    const summary = await writeInvoicesCsv(ledger, output, { format });
    output.end();
    await finished(output);
    const peak = process.resourceUsage().maxRSS / 1024;
    log(
      `${summary.rows} rows, ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB written to ` +
        `${values.out} (${format}) in ${since(started)} s; peak memory ${peak.toFixed(0)} MiB`,
    );
    return 0;
  } catch (error) {
    return fail((error as Error).message, 1);
  }
}

function since(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function fail(message: string, code = 2): number {
  log(message);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
