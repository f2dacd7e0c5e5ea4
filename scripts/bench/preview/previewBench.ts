import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRateTables } from '../../demo/demoRates.ts';
import { describeMachine } from '../support/machine.ts';
import { median, now, repeat } from '../support/measure.ts';
import { importCsv, startBenchMonity, type BenchMonity } from '../support/monityServer.ts';
import { withBenchServer } from '../support/postgres.ts';
import type { Bench, BenchResult } from '../support/report.ts';
import { OPEN_INVOICES_MAPPING, writeInvoiceFile } from '../import/invoiceFile.ts';

const RUNS = 50;
const WARM_UP = 3;

/** A group a collector would build: five criteria over the invoice and its customer. */
const FIVE_CRITERIA = {
  criteria: {
    and: [
      { field: 'currency', op: 'in', value: ['PLN'] },
      { field: 'daysOverdue', op: 'between', value: { min: 1, max: 180 } },
      { field: 'openAmount', op: 'between', value: { min: '100.00' } },
      { field: 'hasEmail', op: 'is', value: true },
      { field: 'customerOverdue', op: 'between', value: { min: '1000.00' } },
    ],
  },
  limit: 10,
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

/** One request, its latency, and which path answered a preview (its Server-Timing). */
async function timed(monity: BenchMonity, path: string, body?: object) {
  const started = now();
  const response = await fetch(`${monity.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { ...monity.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer)}`);
  const source = /desc="(\w+)"/.exec(response.headers.get('server-timing') ?? '')?.[1];
  return { ms: now() - started, answer, source };
}

/** Latencies of one request over `RUNS` runs, one after another, after a few unmeasured ones. */
async function latencies(monity: BenchMonity, path: string, body?: object) {
  const request = () => timed(monity, path, body);
  await repeat(WARM_UP, request);
  const runs = await repeat(RUNS, request);
  return {
    ms: runs.map((r) => r.ms),
    last: runs.at(-1)!.answer,
    fromMemory: runs.filter((r) => r.source === 'memory').length,
  };
}

/**
 * The first preview of the tenant: answered by the SQL while it starts loading the tenant's
 * open invoices into memory; then how long until previews are answered from memory, and how
 * much the typed arrays of the process grew by (the columns, and whatever else meanwhile).
 */
async function loadIndex(monity: BenchMonity, body: object) {
  const arrayBuffers = process.memoryUsage().arrayBuffers;
  const started = now();
  const first = await timed(monity, '/api/groups/preview', body);
  for (;;) {
    const next = await timed(monity, '/api/groups/preview', body);
    if (next.source === 'memory') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    firstMs: first.ms,
    loadMs: now() - started,
    megabytes: (process.memoryUsage().arrayBuffers - arrayBuffers) / 1e6,
  };
}

function results(name: string, ms: number[], note: string): BenchResult[] {
  return [
    { name: `${name}-p50`, value: round(median(ms)), unit: 'ms' },
    { name: `${name}-p95`, value: round(percentile(ms, 95)), unit: 'ms', note },
  ];
}

/**
 * `npm run bench -- preview`: 1,000,000 open invoices of 100,000 customers (with `--events`,
 * that many invoices), imported through the API; then the aging report, a group preview with
 * five criteria and the dashboard KPIs, each 50 times through the HTTP API. The preview is
 * measured once the tenant's open invoices are in memory; its first answer (by SQL) and the
 * time the load takes are reported beside it.
 */
export const previewBench: Bench = {
  targets: {
    'aging-p95': { of: 'value', atLeast: 25, below: true },
    'preview-p95': { of: 'value', atLeast: 100, below: true },
    'kpi-p95': { of: 'value', atLeast: 50, below: true },
  },
  run: ({ events, logger }) =>
    withBenchServer(logger, async (server) => {
      const machine = await describeMachine(server.url);
      const folder = await mkdtemp(join(tmpdir(), 'monity-bench-preview-'));
      const monity = await startBenchMonity(
        await server.createDatabase('bench_preview', { migrated: true }),
      );
      try {
        const file = join(folder, 'naleznosci.csv');
        await writeInvoiceFile(file, events / 10);
        const imported = await importCsv(monity, file, OPEN_INVOICES_MAPPING, logger);
        const today = new Date().toISOString().slice(0, 10);
        const rates = await fetch(`${monity.url}/api/exchange-rates`, {
          method: 'POST',
          headers: { ...monity.headers, 'content-type': 'application/json' },
          body: JSON.stringify(demoRateTables(today)),
        });
        if (rates.status !== 200) throw new Error(`rates: ${await rates.text()}`);
        // What autovacuum does after a large load, done now so the visibility map lets the
        // open-invoice index answer alone, as it does on a settled database.
        await monity.db.query('VACUUM ANALYZE');
        const { rows } = await monity.db.query<{ open: string; customers: string }>(
          `SELECT count(*) AS open, count(DISTINCT customer_id) AS customers
           FROM rm_invoices WHERE open_amount > 0`,
        );
        logger.info({ ...rows[0], importSeconds: Math.round(imported.ms / 1000) }, 'ledger ready');
        const size = `${rows[0]!.open} open invoices of ${rows[0]!.customers} customers`;

        const aging = await latencies(monity, '/api/aging');
        logger.info({ p95: percentile(aging.ms, 95) }, 'aging measured');
        const index = await loadIndex(monity, FIVE_CRITERIA);
        logger.info(index, 'preview index loaded');
        const preview = await latencies(monity, '/api/groups/preview', FIVE_CRITERIA);
        logger.info(
          { p95: percentile(preview.ms, 95), fromMemory: preview.fromMemory },
          'preview measured',
        );
        const kpis = await latencies(monity, '/api/dashboard');
        logger.info({ p95: percentile(kpis.ms, 95) }, 'dashboard measured');
        const matched = preview.last as { customers: number; invoices: number };
        return {
          bench: 'preview',
          machine,
          results: [
            ...results('aging', aging.ms, `${RUNS} runs, default scheme, ${size}`),
            ...results(
              'preview',
              preview.ms,
              `five criteria matching ${matched.invoices} invoices of ${matched.customers} ` +
                `customers; ${preview.fromMemory} of ${RUNS} answered from memory`,
            ),
            {
              name: 'preview-first',
              value: round(index.firstMs),
              unit: 'ms',
              note: "the tenant's first preview, by SQL, starting the load into memory",
            },
            {
              name: 'preview-index-load',
              value: round(index.loadMs / 1000),
              unit: 's',
              note:
                'until previews come from memory; ' +
                `typed arrays grew ${round(index.megabytes)} MB`,
            },
            ...results('kpi', kpis.ms, 'headline in PLN, per currency, aging, top debtors'),
          ],
        };
      } finally {
        await monity.stop();
        await rm(folder, { recursive: true, force: true });
      }
    }),
};
