import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { OPEN_INVOICES_MAPPING, writeInvoiceFile } from '../import/invoiceFile.ts';
import { cpuUsedSince } from '../support/cpu.ts';
import { describeMachine } from '../support/machine.ts';
import { now, perSecond } from '../support/measure.ts';
import { importCsv, startBenchMonity, type BenchMonity } from '../support/monityServer.ts';
import { withBenchServer } from '../support/postgres.ts';
import type { Bench } from '../support/report.ts';

/** Two open invoices per customer: one aggregated message each, naming both. */
const INVOICES_PER_CUSTOMER = 2;

async function call(monity: BenchMonity, method: string, path: string, body?: object) {
  const response = await fetch(`${monity.url}${path}`, {
    method,
    headers: { ...monity.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function until(check: () => Promise<boolean>, logger: Logger, what: string) {
  let logged = now();
  while (!(await check())) {
    if (now() - logged > 10_000) {
      logger.info({ waiting: what }, 'dunning');
      logged = now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const count = async (monity: BenchMonity, sql: string) =>
  Number((await monity.db.query<{ n: string }>(sql)).rows[0]!.n);

/**
 * A new company's KPI history is backfilled from its ledger a few seconds after the server
 * starts, hundreds of days of aging queries; on any later day it is done. The run is measured
 * after it, alone: done when the snapshots have stopped growing for five seconds.
 */
async function snapshotsSettled(monity: BenchMonity, logger: Logger) {
  let last = -1;
  let since = now();
  await until(
    async () => {
      const n = await count(monity, 'SELECT count(*) AS n FROM kpi_snapshots');
      if (n !== last) [last, since] = [n, now()];
      return n > 0 && now() - since > 5_000;
    },
    logger,
    'KPI snapshots',
  );
}

/** A company's collection as a user sets it up: an e-mail reminder for every overdue debt. */
async function startProcess(monity: BenchMonity, logger: Logger) {
  const template = await call(monity, 'POST', '/api/templates', {
    name: 'Przypomnienie',
    medium: 'email',
    language: 'pl',
    kind: 'reminder',
    subject: 'Przypomnienie o płatności: {{ transfer_title }}',
    html:
      '<p>Szanowni Państwo,</p><p>do zapłaty pozostaje {{ totals.open | money }}:</p><ul>' +
      '{% for invoice in invoices %}<li>{{ invoice.number }}, termin {{ invoice.due_date }},' +
      ' {{ invoice.open_amount | money }}</li>{% endfor %}</ul>',
  });
  await until(
    async () => (await count(monity, 'SELECT count(*) AS n FROM rm_templates')) === 1,
    logger,
    'template',
  );
  const process = await call(monity, 'POST', '/api/processes', {
    name: 'Przypomnienia',
    steps: [
      {
        id: randomUUID(),
        name: 'Przypomnienie',
        kind: 'reminder',
        selection: { criteria: { field: 'daysOverdue', op: 'between', value: { min: 1 } } },
        channels: [{ medium: 'email', templateId: template.id }],
        timing: { from: 'dueDate', days: 1 },
        approval: 'automatic',
      },
    ],
    // Every hour of every day: the benchmark measures throughput, not office hours.
    window: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      from: '00:00',
      to: '24:00',
      skipHolidays: false,
    },
  });
  await call(monity, 'POST', `/api/processes/${process.id as string}/start`, {
    expectedVersion: 1,
  });
  await until(
    async () => (await count(monity, 'SELECT count(*) AS n FROM rm_processes WHERE active')) === 1,
    logger,
    'process',
  );
}

/**
 * `npm run bench -- dunning`: 100,000 customers with overdue invoices (with `--events N`, N/10
 * customers, as the other benchmarks count ten invoices a customer), imported through the
 * API; one collection run schedules and renders a reminder for each, and the dispatcher hands
 * them to the sandbox channel.
 */
export const dunningBench: Bench = {
  targets: { 'dunning-100k': { of: 'value', atLeast: 30, below: true } },
  run: ({ events, logger }) =>
    withBenchServer(logger, async (server) => {
      const machine = await describeMachine(server.url);
      const folder = await mkdtemp(join(tmpdir(), 'monity-bench-dunning-'));
      const monity = await startBenchMonity(
        await server.createDatabase('bench_dunning', { migrated: true }),
      );
      try {
        const file = join(folder, 'naleznosci.csv');
        const customers = events / 10;
        await writeInvoiceFile(file, customers, INVOICES_PER_CUSTOMER);
        await importCsv(monity, file, OPEN_INVOICES_MAPPING, logger);
        await monity.db.query('VACUUM ANALYZE');
        // Every run starts from a checkpoint: else the import's WAL brings the next one, and its
        // full-page writes, to a different moment of each run.
        await monity.db.query('CHECKPOINT');
        await snapshotsSettled(monity, logger);
        await startProcess(monity, logger);
        const cpuBefore = server.cpu();
        const start = now();
        // The run may outlast an HTTP request's time limit; its work goes on, and the outbox
        // says when it is done.
        const run = call(monity, 'POST', '/api/collection/run').catch(() => undefined);
        const report = (await run) as { scheduled?: number } | undefined;
        const queued = `SELECT count(*) AS n FROM outbox`;
        let scheduled = report?.scheduled ?? 0;
        if (!report) {
          // Done when the outbox has not grown for ten seconds.
          let last = -1;
          let still = now();
          await until(
            async () => {
              const n = await count(monity, queued);
              if (n !== last) [last, still] = [n, now()];
              return n > 0 && now() - still > 10_000;
            },
            logger,
            'scheduling',
          );
          scheduled = last;
        }
        const scheduledMs = now() - start;
        logger.info({ scheduled, seconds: Math.round(scheduledMs / 1000) }, 'scheduled');
        await until(
          async () =>
            // Through the outbox's partial indexes: counting every row each time would take a
            // core from the run it measures.
            (await count(
              monity,
              `SELECT (EXISTS (SELECT 1 FROM outbox WHERE state = 'waiting')
                OR EXISTS (SELECT 1 FROM outbox WHERE state = 'in_flight'))::int AS n`,
            )) === 0,
          logger,
          'dispatch',
        );
        const totalMs = now() - start;
        const cpu = cpuUsedSince(cpuBefore, server.cpu());
        const sent = await count(
          monity,
          `SELECT count(*) AS n FROM sandbox_messages WHERE channel = 'email'`,
        );
        return {
          bench: 'dunning',
          machine,
          results: [
            {
              name: 'scheduled-rendered',
              value: perSecond(scheduled, scheduledMs),
              unit: 'messages/s',
            },
            {
              name: 'dispatched',
              value: perSecond(sent, totalMs - scheduledMs),
              unit: 'messages/s',
            },
            {
              name: 'dunning-100k',
              value: Math.round(totalMs / 100) / 10,
              unit: 's',
              note:
                `${customers} customers${customers < 100_000 ? ' (not the standard 100,000)' : ''}` +
                `: ${scheduled} messages scheduled and rendered in ` +
                `${Math.round(scheduledMs / 1000)} s, ${sent} handed to the sandbox ` +
                '(customers without an e-mail address get none); CPU-seconds over the run: ' +
                `Node ${cpu.node}, PostgreSQL ${cpu.postgres ?? 'not known here'}`,
            },
          ],
        };
      } finally {
        await monity.stop();
        await rm(folder, { recursive: true, force: true });
      }
    }),
};
