import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@monity/core';
import {
  createTestDatabase,
  createTestPool,
  startMonity,
  type MonityProcess,
  type TestDatabase,
} from '@monity/core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithKey, READ_MODEL, type CompanyApi } from './support/collectionTestKit.ts';

/**
 * Two real server processes on one database and data folder schedule one company's collection
 * together, with real dates: runs asked of both at once, round after round, then their own
 * leader ticks with runs beside them. Every step a customer's debt in one currency owes is
 * reached once: one CollectionStepReached, and for a customer with an address one MessageQueued,
 * one outbox row and one message at the channel (the sandbox), listing the debt's invoices.
 */

const DAY = 86_400_000;
/** The leader's tick, shorter than its minute in production so the test need not wait it. */
const TICK_MS = 10_000;
/** The day `offset` days from today, YYYY-MM-DD; the dates below keep days of margin. */
const dayFromToday = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const STEPS = [
  { kind: 'reminder', subject: 'Przypomnienie', timing: { from: 'dueDate', days: 3 } },
  // Due as soon as a run reads that the reminder was reached: the processes' views of the
  // progress lag behind each other's writes, which is where a second message would come from.
  { kind: 'demand', subject: 'Wezwanie do zapłaty', timing: { from: 'previousStep', days: 0 } },
] as const;

interface Customer {
  id: string;
  name: string;
  emails?: string[];
}

interface Invoice {
  id: string;
  customerId: string;
  currency: string;
  dueDate: string;
  amount: string;
}

/**
 * Customers `from`..`to` − 1, varied: some without an address, some owing in euros too, some
 * with an invoice not yet due for a reminder or not due at all, some who paid everything. With
 * them, what the process owes each: by customer, step and currency, the invoices.
 */
function ledger(from: number, to: number) {
  const customers: Customer[] = [];
  const invoices: Invoice[] = [];
  const payments: object[] = [];
  const owed = new Map<string, string[]>();
  for (let i = from; i < to; i++) {
    const id = `K${i}`;
    const email = i % 15 === 7 ? undefined : `k${i}@odbiorca.pl`;
    customers.push({ id, name: `Odbiorca ${i} sp. z o.o.`, ...(email ? { emails: [email] } : {}) });
    const paidUp = i % 20 === 3;
    for (const currency of i % 4 === 0 ? ['PLN', 'EUR'] : ['PLN']) {
      for (let n = 0; n <= i % 3; n++) {
        // 12 to 41 days overdue: past the reminder's day, whatever weekends and holidays.
        const dueDate = dayFromToday(-12 - ((i * 7 + n * 5) % 30));
        const amount = `${100 + i}.${String(n).padStart(2, '0')}`;
        const invoice = {
          id: `FV/${i}/${currency}/${n}`,
          customerId: id,
          currency,
          dueDate,
          amount,
        };
        invoices.push(invoice);
        if (paidUp) {
          payments.push({
            id: `WB/${invoice.id}`,
            customerId: id,
            date: dayFromToday(-2),
            currency,
            amount,
            allocations: [{ invoiceId: invoice.id, amount }],
          });
          continue;
        }
        for (const step of STEPS.keys()) {
          const key = debtKey(id, step, currency);
          owed.set(key, [...(owed.get(key) ?? []), invoice.id]);
        }
      }
    }
    // A day overdue: a reminder 3 days after the due date is not due yet.
    if (i % 6 === 1) invoices.push(soon(`FV/${i}/recent`, id, dayFromToday(-1)));
    if (i % 5 === 0) invoices.push(soon(`FV/${i}/future`, id, dayFromToday(9)));
  }
  const emails = new Map(customers.map((c) => [c.id, c.emails?.[0]]));
  const expected = [...owed.keys()].map((key) => {
    const [customer, step, currency] = key.split(' ') as [string, string, string];
    return { key, customer, step: Number(step), currency, email: emails.get(customer) };
  });
  return { customers, invoices, payments, owed, expected };
}

type Ledger = ReturnType<typeof ledger>;
type Expected = Ledger['expected'][number];

const debtKey = (customer: string, step: number, currency: string) =>
  `${customer} ${step} ${currency}`;

function soon(id: string, customerId: string, dueDate: string): Invoice {
  return { id, customerId, currency: 'PLN', dueDate, amount: '50.00' };
}

interface Report {
  scheduled: number;
  already: number;
  withoutAddress: number;
  handedOver: number;
  failed: number;
}

const noRuns = (): Report => ({
  scheduled: 0,
  already: 0,
  withoutAddress: 0,
  handedOver: 0,
  failed: 0,
});

/** Asks each api for a run, all at once, and adds up what they answer; gives what was made. */
async function round(apis: CompanyApi[], totals: Report) {
  const runs = await Promise.all(apis.map((api) => api('POST', '/api/collection/run')));
  let scheduled = 0;
  for (const run of runs) {
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    for (const key of Object.keys(totals) as (keyof Report)[]) totals[key] += run.body[key];
    scheduled += run.body.scheduled;
  }
  return scheduled;
}

describe('two server processes scheduling one collection', () => {
  let database: TestDatabase;
  let dataDir: string;
  let pool: pg.Pool;
  const processes: MonityProcess[] = [];
  let urls: [string, string];
  /** The processes' leader ticks come TICK_MS after they start, and every TICK_MS after. */
  let firstTick: number;

  const start = async () => {
    const monity = startMonity(
      {
        PORT: String(await findFreePort()),
        DATABASE_URL: database.url,
        MONITY_DATA_DIR: dataDir,
        MONITY_DEMO_TENANT: 'false',
        MONITY_SERVE_WEB: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        MONITY_DISPATCH_POLL_MS: '100',
        MONITY_COLLECTION_TICK_SECONDS: String(TICK_MS / 1000),
      },
      dataDir,
    );
    processes.push(monity);
    return monity.url;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'monity-collection-'));
    pool = createTestPool(database.url, 2);
    urls = await Promise.all([start(), start()]);
    firstTick = Date.now() + TICK_MS;
  });
  afterAll(async () => {
    processes.forEach((monity) => monity.child.kill('SIGKILL'));
    await Promise.all(processes.map((monity) => monity.exited));
    await pool?.end();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A company with an API key, and its requests to either process. */
  const company = async (name: string) => {
    const { api, key } = await companyWithKey(urls[0], name);
    const onB: CompanyApi = async (method, path, body) => {
      const response = await fetch(`${urls[1]}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    const { rows } = await pool.query('SELECT id FROM tenants WHERE name = $1', [name]);
    return { a: api, b: onB, tenantId: rows[0].id as string };
  };

  const importLedger = async (
    api: CompanyApi,
    data: { customers: Customer[]; invoices: Invoice[]; payments?: object[] },
  ) => {
    const imported = await api('POST', '/api/ledger/batch', {
      customers: data.customers,
      invoices: data.invoices.map((inv) => ({
        ...inv,
        number: inv.id,
        issueDate: dayFromToday(-60),
      })),
      payments: data.payments ?? [],
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.summary.rejected, JSON.stringify(imported.body.results)).toBe(0);
    await expect
      .poll(async () => {
        const { rows } = await pool.query(
          'SELECT count(*)::int AS n FROM rm_invoices WHERE source_id = ANY($1)',
          [data.invoices.map((inv) => inv.id)],
        );
        return rows[0].n;
      }, READ_MODEL)
      .toBe(data.invoices.length);
  };

  /** The process of STEPS, started, every step through e-mail; the ids of steps and templates. */
  const collectionProcess = async (api: CompanyApi) => {
    const templates: string[] = [];
    for (const step of STEPS) {
      const made = await api('POST', '/api/templates', {
        name: step.subject,
        medium: 'email',
        language: 'pl',
        kind: step.kind,
        subject: `${step.subject} {{ currency }}`,
        html: '<p>{% for invoice in invoices %}[{{ invoice.number }}]{% endfor %}</p>',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      templates.push(made.body.id);
    }
    await expect
      .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
      .toBe(STEPS.length);
    const stepIds = STEPS.map(() => randomUUID());
    const process = await api('POST', '/api/processes', {
      name: 'Przypomnienie i wezwanie',
      // Open at every hour of every day: each message may leave as soon as it is made.
      window: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        from: '00:00',
        to: '24:00',
        skipHolidays: false,
      },
      steps: STEPS.map((step, i) => ({
        id: stepIds[i],
        name: step.subject,
        kind: step.kind,
        selection: { criteria: { field: 'currency', op: 'in', value: ['PLN', 'EUR'] } },
        channels: [{ medium: 'email', templateId: templates[i] }],
        timing: step.timing,
        approval: 'automatic',
      })),
    });
    expect(process.status, JSON.stringify(process.body)).toBe(201);
    const started = await api('POST', `/api/processes/${process.body.id}/start`, {
      expectedVersion: 1,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await expect
      .poll(async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active, {
        ...READ_MODEL,
      })
      .toBe(true);
    return { stepIds, templates };
  };

  /** Every step the company's debts reached, in order, keyed by customer, step and currency. */
  const reached = async (tenantId: string, stepIds: string[]) => {
    const { rows } = await pool.query<{
      customer: string;
      step_id: string;
      currency: string;
      invoices: string[];
      message_id: string | null;
      skipped: string | null;
    }>(
      `SELECT c.source_id AS customer, e.data->>'stepId' AS step_id,
         e.data->>'currency' AS currency, e.data->>'messageId' AS message_id,
         e.data->>'skipped' AS skipped,
         ARRAY(SELECT i.source_id FROM rm_invoices i
           WHERE i.invoice_id IN (SELECT json_array_elements_text(e.data->'invoiceIds')::uuid)
           ORDER BY i.source_id) AS invoices
       FROM events e JOIN rm_customers c ON c.customer_id = (e.data->>'customerId')::uuid
       WHERE e.type = 'CollectionStepReached' AND e.tenant_id = $1 ORDER BY e.position`,
      [tenantId],
    );
    return rows.map((r) => ({
      ...r,
      key: debtKey(r.customer, stepIds.indexOf(r.step_id), r.currency),
    }));
  };
  const distinctReached = async (tenantId: string, stepIds: string[]) =>
    new Set((await reached(tenantId, stepIds)).map((step) => step.key));
  const rowsOf = async <Row extends pg.QueryResultRow>(sql: string, tenantId: string) =>
    (await pool.query<Row>(sql, [tenantId])).rows;

  /** Runs rounds until every debt reached every step and two rounds more made nothing. */
  const roundsUntilDone = async (
    apis: CompanyApi[],
    totals: Report,
    done: () => Promise<boolean>,
  ) => {
    let idle = 0;
    for (let n = 0; n < 40 && idle < 2; n++) {
      const scheduled = await round(apis, totals);
      idle = scheduled === 0 && (await done()) ? idle + 1 : 0;
    }
    expect(idle, 'the runs came to an end').toBe(2);
  };

  it(
    'reach each step of each debt, and make its message once, sent once',
    { timeout: 180_000 },
    async () => {
      const { a, b, tenantId } = await company('Dwa Harmonogramy');
      const first = ledger(0, 120);
      await importLedger(b, first);
      const { stepIds, templates } = await collectionProcess(a);

      /** The events, the outbox and the channel against what the ledger owes. */
      const check = async (expected: Ledger['expected'], owed: Map<string, string[]>) => {
        const steps = await reached(tenantId, stepIds);
        // Every debt reached every step, with its invoices; with a message when it has an
        // address, and then once. (A step without a message may be recorded again: below.)
        expect([...new Set(steps.map((s) => s.key))].sort()).toEqual(
          expected.map((e) => e.key).sort(),
        );
        for (const step of steps) {
          expect(step.invoices, step.key).toEqual([...owed.get(step.key)!].sort());
          const email = expected.find((e) => e.key === step.key)!.email;
          expect(step.skipped, step.key).toBe(email ? null : 'no_address');
          expect(Boolean(step.message_id), step.key).toBe(Boolean(email));
        }
        const mailed = expected.filter((e) => e.email);
        const messageIds = steps.flatMap((s) => (s.message_id ? [s.message_id] : [])).sort();
        expect(messageIds).toHaveLength(mailed.length);
        expect(new Set(messageIds).size).toBe(mailed.length);
        // The progress read model: each invoice at each step, once.
        await expect
          .poll(async () => {
            const [progress] = await rowsOf<{ n: number }>(
              'SELECT count(*)::int AS n FROM rm_collection_progress WHERE tenant_id = $1',
              tenantId,
            );
            return progress!.n;
          }, READ_MODEL)
          .toBe([...owed.values()].flat().length);

        const messages = await rowsOf<{ id: string; to: string; subject: string; tpl: string }>(
          `SELECT data->>'messageId' AS id, data->>'to' AS to, data->>'subject' AS subject,
             data->>'templateId' AS tpl
           FROM events WHERE type = 'MessageQueued' AND tenant_id = $1`,
          tenantId,
        );
        expect(messages.map((m) => m.id).sort()).toEqual(messageIds);
        const subjectOf = (e: Expected) => `${STEPS[e.step]!.subject} ${e.currency}`;
        expect(messages.map((m) => `${m.to} ${m.subject}`).sort()).toEqual(
          mailed.map((e) => `${e.email} ${subjectOf(e)}`).sort(),
        );
        for (const m of messages) {
          const step = STEPS.findIndex((s) => m.subject.startsWith(`${s.subject} `));
          expect(m.tpl).toBe(templates[step]);
        }

        const outbox = await rowsOf<{ message_id: string; outcome: string; attempts: number }>(
          'SELECT message_id, outcome, attempts FROM outbox WHERE tenant_id = $1',
          tenantId,
        );
        expect(outbox.map((r) => r.message_id).sort()).toEqual(messageIds);
        expect(outbox.filter((r) => r.outcome !== 'sent' || r.attempts !== 1)).toEqual([]);

        const kept = await rowsOf<{ id: string; recipient: string; subject: string; text: string }>(
          'SELECT id, recipient, subject, text FROM sandbox_messages WHERE tenant_id = $1',
          tenantId,
        );
        expect(kept.map((k) => k.id).sort()).toEqual(messageIds);
        const byRecipient = new Map(kept.map((k) => [`${k.recipient} ${k.subject}`, k.text]));
        expect(byRecipient.size).toBe(kept.length);
        for (const e of mailed) {
          const text = byRecipient.get(`${e.email} ${subjectOf(e)}`) ?? '';
          const listed = [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]).sort();
          expect(listed, e.key).toEqual([...owed.get(e.key)!].sort());
        }
      };
      const allSent = (count: number) =>
        expect
          .poll(
            async () =>
              (
                await rowsOf<{ n: number }>(
                  `SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND state = 'done'`,
                  tenantId,
                )
              )[0]!.n,
            { timeout: 20_000, interval: 200 },
          )
          .toBe(count);

      // Runs asked of both processes at once, two of each, round after round: the demand
      // comes due in whichever run reads the reminder reached.
      const both = [a, b, a, b];
      const totals = noRuns();
      const firstDone = async () =>
        (await distinctReached(tenantId, stepIds)).size === first.expected.length;
      await roundsUntilDone(both, totals, firstDone);
      const mailed = first.expected.filter((e) => e.email).length;
      // The runs asked at once took turns, one run of a company at a time in either process:
      // those after the first found its messages made, or nothing left to do. A leader tick
      // may have come between rounds and made some itself; check() below counts each once.
      expect(totals.failed).toBe(0);
      expect(totals.scheduled).toBeGreaterThan(0);
      expect(totals.scheduled).toBeLessThanOrEqual(mailed);
      await allSent(mailed);
      await check(first.expected, first.owed);

      // More customers, left to the processes' own tick: the leader tick of one of them
      // picks them up, and runs asked of both go on beside it.
      const second = ledger(120, 180);
      await importLedger(a, second);
      const all = {
        expected: [...first.expected, ...second.expected],
        owed: new Map([...first.owed, ...second.owed]),
      };
      await expect
        .poll(async () => (await distinctReached(tenantId, stepIds)).size, {
          // The first tick, or on a slow day the next one.
          timeout: ((((firstTick - Date.now()) % TICK_MS) + TICK_MS) % TICK_MS) + 15_000,
          interval: 50,
        })
        .toBeGreaterThan(first.expected.length);
      const beside = noRuns();
      const allDone = async () =>
        (await distinctReached(tenantId, stepIds)).size === all.expected.length;
      await roundsUntilDone(both, beside, allDone);
      const mailedSecond = second.expected.filter((e) => e.email).length;
      expect(beside.failed).toBe(0);
      // The tick made some of the messages, the runs beside it the others.
      expect(beside.scheduled).toBeLessThan(mailedSecond);
      await allSent(mailed + mailedSecond);
      await check(all.expected, all.owed);
    },
  );

  // A step that sends nothing (no address, or a hand-over) has no message stream to refuse a
  // second one: the id of its event, derived from the debt, does.
  it('record a step that sends nothing once per debt', { timeout: 60_000 }, async () => {
    const { a, b, tenantId } = await company('Bez Adresów');
    const customers = Array.from({ length: 10 }, (_, i) => ({ id: `B${i}`, name: `Bez ${i}` }));
    const invoices = customers.map((c) => ({
      id: `FV/${c.id}`,
      customerId: c.id,
      currency: 'PLN',
      dueDate: dayFromToday(-20),
      amount: '10.00',
    }));
    await importLedger(a, { customers, invoices });
    const { stepIds } = await collectionProcess(b);
    const steps = customers.length * STEPS.length;
    await roundsUntilDone(
      [a, b, a, b],
      noRuns(),
      async () => (await distinctReached(tenantId, stepIds)).size === steps,
    );
    expect(await reached(tenantId, stepIds)).toHaveLength(steps);
  });
});
