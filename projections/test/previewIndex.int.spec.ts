import { readCatalogue, type GroupSelection, type TenantTransaction } from '@monity/core';
import {
  createTestPool,
  signUp,
  startAccessServer,
  type AccessServer,
  type Browser,
} from '@monity/core/testing';
import type pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewIndexes } from '../src/groups/previewIndex/previewIndexes.ts';
import { currenciesOf, previewSelection } from '../src/groups/selectionQueries.ts';
import { readingTenantDb } from './support/tenantTransactions.ts';

/**
 * The preview index against the SQL it stands in for: one generated ledger, many criteria
 * documents, and for each the in-memory answer must equal previewSelection's to the last
 * digit and in the same order. Then the ledger changes, and the next preview must show it.
 */

let access: AccessServer;
let pool: pg.Pool;
beforeAll(async () => {
  access = await startAccessServer();
  pool = createTestPool(access.database.url, 4);
});
afterAll(async () => {
  await pool.end();
  await access.close();
});

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
const shift = (day: string, days: number) =>
  new Date(Date.parse(day) + days * DAY).toISOString().slice(0, 10);

let seed = 11;
const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;

const DIGITS: Record<string, number> = { PLN: 2, EUR: 2, JPY: 0 };
const major = (minor: number, currency: string) => {
  if (DIGITS[currency] === 0) return String(minor);
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
};

/** Days overdue at the edges of the default aging buckets and of the ranges tested below. */
const EDGE_DAYS = [-31, -30, -1, 0, 1, 2, 29, 30, 31, 60, 61, 90, 91, 179, 180, 181, 400];
/** Amounts at the edges of the bounds tested below, in minor units of a 2-digit currency. */
const EDGE_AMOUNTS = [9_999, 10_000, 10_001, 99_999, 100_000, 100_001, 50_000];

function generateLedger() {
  const customers: object[] = [];
  const invoices: { id: string; customerId: string; currency: string; amount: number }[] = [];
  const rows: object[] = [];
  const payments: object[] = [];
  for (let c = 1; c <= 120; c += 1) {
    const attributes: Record<string, string> = {};
    if (next() < 0.7) attributes.Opiekun = pick(['Anna', 'Piotr', 'Ewa']);
    if (next() < 0.6) attributes.Limit = pick(['0', '1000', '2500.5', '3000', '9000']);
    if (next() < 0.5) attributes.VIP = pick(['tak', 'nie']);
    if (next() < 0.8) attributes.Segment = pick(['A', 'B', 'C']);
    const city = pick(['Kraków', 'KRAKÓW', 'Łódź', 'łódź', 'Gdańsk', null]);
    customers.push({
      id: `K${c}`,
      name: `Firma ${String(c).padStart(3, '0')}`,
      country: pick(['PL', 'PL', 'PL', 'DE', 'CZ']),
      ...(city ? { city } : {}),
      emails: next() < 0.6 ? [`k${c}@firma.pl`] : [],
      phones: next() < 0.5 ? [`+48 600 100 ${String(c).padStart(3, '0')}`] : [],
      categories: ['Kluczowi', 'Ryzykowni', 'Nowi'].filter(() => next() < 0.3),
      attributes,
      excluded: c % 11 === 0,
    });
    const count = 1 + Math.floor(next() * 9);
    for (let i = 0; i < count; i += 1) {
      const currency = pick(['PLN', 'PLN', 'PLN', 'EUR', 'EUR', 'JPY']);
      const dueDate = shift(today, -(next() < 0.6 ? pick(EDGE_DAYS) : Math.floor(next() * 300)));
      const issueDate = shift(dueDate, -pick([0, 14, 30, 60]));
      const amount =
        currency === 'JPY'
          ? pick([99, 100, 101, 1_000, 1_001, 25_000])
          : next() < 0.5
            ? pick(EDGE_AMOUNTS)
            : 100 + Math.floor(next() * 300_000);
      const id = `FV/${c}/${i}`;
      invoices.push({ id, customerId: `K${c}`, currency, amount });
      rows.push({
        id,
        number: id,
        customerId: `K${c}`,
        issueDate,
        dueDate,
        currency,
        amount: major(amount, currency),
      });
    }
  }
  for (const invoice of invoices) {
    if (next() > 0.3) continue;
    const paid = next() < 0.5 ? invoice.amount : Math.floor(invoice.amount / 3);
    if (paid === 0) continue;
    const amount = major(paid, invoice.currency);
    payments.push({
      id: `WB/${invoice.id}`,
      customerId: invoice.customerId,
      date: shift(today, -pick([0, 1, 29, 30, 31, 90])),
      currency: invoice.currency,
      amount,
      allocations: [{ invoiceId: invoice.id, amount }],
    });
  }
  return { customers, invoices: rows, payments };
}

const ledger = generateLedger();

interface Ids {
  tenantId: string;
  /** Catalogue ids by name. */
  of: Record<string, string>;
}

async function loadLedger(browser: Browser): Promise<Record<string, string>> {
  const of: Record<string, string> = {};
  for (const name of ['Kluczowi', 'Ryzykowni', 'Nowi']) {
    const response = await browser.request('POST', '/api/categories', { name, colour: '#336699' });
    of[name] = response.body.id;
  }
  for (const [name, type, choices] of [
    ['Opiekun', 'text'],
    ['Limit', 'number'],
    ['VIP', 'boolean'],
    ['Segment', 'choice', ['A', 'B', 'C']],
  ] as const) {
    const response = await browser.request('POST', '/api/attributes', {
      name,
      type,
      ...(choices ? { choices } : {}),
    });
    expect(response.status).toBe(201);
    of[name] = response.body.id;
  }
  const batch = await browser.request('POST', '/api/ledger/batch', ledger);
  expect(batch.status).toBe(200);
  expect(batch.body.summary.rejected).toBe(0);
  await expect
    .poll(async () => (await browser.request('GET', '/api/payments?limit=200')).body.items.length)
    .toBe(ledger.payments.length);
  return of;
}

const DEFAULT_SCHEME = '00000000-0000-4000-8000-000000000001';
type Node = Record<string, unknown>;
const condition = (field: string, op: string, value?: unknown, extra: object = {}): Node => ({
  field,
  op,
  ...extra,
  ...(value === undefined ? {} : { value }),
});

/** Every field and operator the index serves, with values at the edges of the ledger's. */
function conditions(of: Record<string, string>): Node[] {
  const attribute = (name: string, op: string, value?: unknown) =>
    condition('attribute', op, value, { attributeId: of[name] });
  return [
    condition('currency', 'in', ['PLN']),
    condition('currency', 'in', ['EUR', 'JPY', 'USD']),
    condition('currency', 'notIn', ['PLN']),
    condition('country', 'in', ['PL']),
    condition('country', 'notIn', ['PL', 'CZ']),
    condition('city', 'in', ['kraków']),
    condition('city', 'in', ['ŁÓDŹ', 'Gdańsk']),
    condition('city', 'notIn', ['Kraków']),
    condition('daysOverdue', 'between', { min: 1, max: 180 }),
    condition('daysOverdue', 'between', { min: 30 }),
    condition('daysOverdue', 'between', { max: 0 }),
    condition('daysOverdue', 'between', { min: -30, max: 1 }),
    condition('dueDate', 'between', { from: shift(today, -90), to: shift(today, -1) }),
    condition('dueDate', 'between', { to: today }),
    condition('issueDate', 'between', { from: shift(today, -61) }),
    condition('amount', 'between', { min: '100.00' }),
    condition('amount', 'between', { min: '99.995', max: '1000,00' }),
    condition('openAmount', 'between', { min: '100.01' }),
    condition('openAmount', 'between', { max: '999.99' }),
    condition('customerOverdue', 'between', { min: '1000.00' }),
    condition('customerOverdue', 'between', { max: '0' }),
    condition('overdueInvoices', 'between', { min: 2 }),
    condition('overdueInvoices', 'between', { min: 0, max: 1 }),
    condition('agingBucket', 'in', { schemeId: DEFAULT_SCHEME, buckets: ['31-60', 'not_due'] }),
    condition('agingBucket', 'in', { schemeId: DEFAULT_SCHEME, buckets: ['180+'] }),
    condition('category', 'anyOf', [of.Kluczowi]),
    condition('category', 'anyOf', [of.Ryzykowni, of.Nowi]),
    condition('category', 'noneOf', [of.Kluczowi, of.Nowi]),
    condition('hasEmail', 'is', true),
    condition('hasEmail', 'is', false),
    condition('hasPhone', 'is', true),
    condition('lastPayment', 'noneSince', shift(today, -30)),
    condition('lastPayment', 'noneSince', today),
    attribute('Opiekun', 'isSet'),
    attribute('Opiekun', 'isNotSet'),
    attribute('Opiekun', 'equals', 'Anna'),
    attribute('Opiekun', 'in', ['Piotr', 'Ewa']),
    attribute('Segment', 'in', ['A']),
    attribute('Segment', 'equals', 'C'),
    attribute('VIP', 'equals', true),
    attribute('Limit', 'equals', 3000),
    attribute('Limit', 'between', { min: 1000, max: 3000 }),
    attribute('Limit', 'between', { min: 2500.5 }),
  ];
}

/** The collector's group of the benchmark. */
const FIVE_CRITERIA: GroupSelection = {
  criteria: {
    and: [
      { field: 'currency', op: 'in', value: ['PLN'] },
      { field: 'daysOverdue', op: 'between', value: { min: 1, max: 180 } },
      { field: 'openAmount', op: 'between', value: { min: '100.00' } },
      { field: 'hasEmail', op: 'is', value: true },
      { field: 'customerOverdue', op: 'between', value: { min: '1000.00' } },
    ],
  },
};

/** The collector's five criteria, each condition alone, and random nestings of them all. */
function documents(of: Record<string, string>): GroupSelection[] {
  const pool = conditions(of);
  const tree = (depth: number): Node => {
    if (depth === 0 || next() < 0.3) return pick(pool);
    const kind = pick(['and', 'or', 'not']);
    if (kind === 'not') return { not: tree(depth - 1) };
    return { [kind]: Array.from({ length: 2 + Math.floor(next() * 3) }, () => tree(depth - 1)) };
  };
  const selections: GroupSelection[] = pool.map((c) => ({ criteria: c as never }));
  selections.push(FIVE_CRITERIA);
  for (let i = 0; i < 80; i += 1) {
    selections.push({
      criteria: tree(3) as never,
      ...(i % 5 === 0 ? { currency: pick(['PLN', 'EUR', 'JPY', 'USD']) } : {}),
      ...(i % 3 === 0 ? { includeExcluded: true } : {}),
    });
  }
  selections.push({ criteria: pool[0] as never, includeExcluded: true });
  selections.push({ criteria: { not: pool[0] } as never, currency: 'EUR' });
  return selections;
}

/** The tenant's scope as the preview route makes it. */
async function scopeOf(tx: TenantTransaction, tenantId: string) {
  return {
    tenantId,
    today,
    catalogue: await readCatalogue(tx, tenantId),
    currencies: await currenciesOf(tx, tenantId),
    pointer: '/body',
  };
}

/** An index of the test's own, read through its own tenant transactions. */
async function readyIndex(ids: Ids) {
  const tenantDb = readingTenantDb(pool);
  const indexes = new PreviewIndexes({ tenantDb, logger: pino({ level: 'silent' }) });
  const selection: GroupSelection = { criteria: conditions(ids.of)[0] as never };
  indexes.warm(ids.tenantId);
  await expect
    .poll(() =>
      tenantDb.transaction({ tenantId: ids.tenantId }, async (tx) =>
        indexes.preview(tx, selection, await scopeOf(tx, ids.tenantId), 10),
      ),
    )
    .not.toBeNull();
  return { tenantDb, indexes };
}

/** The preview from the SQL and from memory, in one transaction. */
async function bothAnswers(
  { tenantDb, indexes }: Awaited<ReturnType<typeof readyIndex>>,
  tenantId: string,
  selection: GroupSelection,
  limit: number,
) {
  return tenantDb.transaction({ tenantId }, async (tx) => {
    const scope = await scopeOf(tx, tenantId);
    return {
      sql: await previewSelection(tx, selection, scope, limit),
      memory: await indexes.preview(tx, selection, scope, limit),
    };
  });
}

/** A preview through the HTTP API, and which path answered it (its Server-Timing). */
async function httpPreview(browser: Browser, selection: GroupSelection, limit = 50) {
  const response = await browser.request('POST', '/api/groups/preview', { ...selection, limit });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const source = /desc="(\w+)"/.exec(response.headers.get('server-timing') ?? '')?.[1];
  return { body: response.body, source };
}

async function signedUpLedger(company: string) {
  const { browser, session } = await signUp(access.server.url, company);
  const of = await loadLedger(browser);
  // The first preview moves the customers' overdue totals to today, as every preview does.
  await httpPreview(browser, { criteria: conditions(of)[0] as never });
  return { browser, ids: { tenantId: session.tenant.id as string, of } };
}

describe('the preview index', () => {
  it('answers every criteria document exactly as the SQL does', async () => {
    const { ids } = await signedUpLedger('Porownanie');
    const index = await readyIndex(ids);
    const all = documents(ids.of);
    let matchedSome = 0;
    for (const [n, selection] of all.entries()) {
      const limit = n % 2 === 0 ? 50 : 3;
      const { sql, memory } = await bothAnswers(index, ids.tenantId, selection, limit);
      expect(memory, JSON.stringify(selection)).toEqual(sql);
      if (sql.customers > 0) matchedSome += 1;
    }
    // The documents are not all empty or all full: the comparison says something.
    expect(matchedSome).toBeGreaterThan(all.length / 2);
    index.indexes.stop();
  });

  it('answers what the preview route answers, once loaded, and the same as SQL', async () => {
    const { browser, ids } = await signedUpLedger('Trasa');
    const index = await readyIndex(ids);
    const selection = FIVE_CRITERIA;
    await expect.poll(async () => (await httpPreview(browser, selection)).source).toBe('memory');
    const { sql } = await bothAnswers(index, ids.tenantId, selection, 50);
    expect((await httpPreview(browser, selection)).body).toEqual(sql);
    index.indexes.stop();
  });

  it('leaves criteria it does not evaluate to the SQL', async () => {
    const { browser, ids } = await signedUpLedger('Zapasowa');
    const index = await readyIndex(ids);
    const selection = {
      criteria: {
        and: [
          { field: 'currency', op: 'in', value: ['PLN'] },
          { or: [{ field: 'contacted', op: 'is', value: false }, conditions(ids.of)[5]] },
        ],
      },
    } as GroupSelection;
    const { sql, memory } = await bothAnswers(index, ids.tenantId, selection, 50);
    expect(memory).toBeNull();
    expect(sql.customers).toBeGreaterThan(0);
    const served = await httpPreview(browser, selection);
    expect(served.source).toBe('sql');
    expect(served.body).toEqual(sql);
    index.indexes.stop();
  });

  it('shows each change of the ledger in the next preview', async () => {
    const { browser, ids } = await signedUpLedger('Swieze');
    const index = await readyIndex(ids);
    const open: GroupSelection = {
      criteria: { field: 'currency', op: 'in', value: ['PLN', 'EUR', 'JPY'] },
    };
    const key: GroupSelection = { criteria: conditions(ids.of)[25] as never };
    await expect.poll(async () => (await httpPreview(browser, open)).source).toBe('memory');
    const sqlAnswers = async () =>
      JSON.stringify([
        (await bothAnswers(index, ids.tenantId, open, 50)).sql,
        (await bothAnswers(index, ids.tenantId, key, 50)).sql,
      ]);
    /** Makes a change, waits for the read model to show it, then previews at once. */
    const expectShown = async (change: () => Promise<void>) => {
      const before = await sqlAnswers();
      await change();
      await expect.poll(sqlAnswers, { timeout: 10_000 }).not.toBe(before);
      for (const selection of [open, key]) {
        const served = await httpPreview(browser, selection);
        expect(served.source).toBe('memory');
        expect(served.body).toEqual((await bothAnswers(index, ids.tenantId, selection, 50)).sql);
      }
    };
    const { rows } = await pool.query<{
      invoice: string;
      customer: string;
      customer_uuid: string;
      currency: string;
      open: string;
    }>(
      `SELECT DISTINCT ON (c.source_id) i.source_id AS invoice, c.source_id AS customer,
         c.customer_id AS customer_uuid,
         i.currency, i.open_amount::text AS open
       FROM rm_invoices i JOIN rm_customers c USING (tenant_id, customer_id)
       WHERE i.tenant_id = $1 AND i.open_amount > 0 AND NOT c.excluded
         AND NOT c.category_ids ? $2
       ORDER BY c.source_id, i.source_id LIMIT 3`,
      [ids.tenantId, ids.of.Kluczowi],
    );
    const [paid, excluded, categorised] = rows;
    const batch = async (body: object) => {
      const response = await browser.request('POST', '/api/ledger/batch', body);
      expect(response.body.summary.rejected, JSON.stringify(response.body)).toBe(0);
    };

    await expectShown(async () => {
      const amount = major(Number(paid!.open), paid!.currency);
      await batch({
        payments: [
          {
            id: 'WB/fresh',
            customerId: paid!.customer,
            date: today,
            currency: paid!.currency,
            amount,
            allocations: [{ invoiceId: paid!.invoice, amount }],
          },
        ],
      });
    });
    await expectShown(() =>
      batch({
        invoices: [
          {
            id: 'FV/fresh',
            number: 'FV/fresh',
            customerId: 'K1',
            issueDate: shift(today, -20),
            dueDate: shift(today, -5),
            currency: 'PLN',
            amount: '1234.56',
          },
        ],
      }),
    );
    await expectShown(async () => {
      const path = `/api/customers/${excluded!.customer_uuid}/exclusion`;
      expect((await browser.request('POST', path, { excluded: true })).status).toBe(200);
    });
    await expectShown(async () => {
      const path = `/api/customers/${categorised!.customer_uuid}/categories`;
      const response = await browser.request('PUT', path, { categoryIds: [ids.of.Kluczowi] });
      expect(response.status).toBe(200);
    });
    index.indexes.stop();
  });

  it('leaves a tenant over the memory budget to the SQL, and drops one left idle', async () => {
    const { ids } = await signedUpLedger('Pamiec');
    const tenantDb = readingTenantDb(pool);
    const said: string[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => said.push(JSON.parse(line).msg) },
    );
    const selection: GroupSelection = { criteria: conditions(ids.of)[0] as never };
    const preview = (indexes: PreviewIndexes) =>
      tenantDb.transaction({ tenantId: ids.tenantId }, async (tx) =>
        indexes.preview(tx, selection, await scopeOf(tx, ids.tenantId), 10),
      );

    const small = new PreviewIndexes({ tenantDb, logger }, { maxInvoices: 10 });
    small.warm(ids.tenantId);
    await expect.poll(() => said).toContain('preview index refused: too large');
    expect(await preview(small)).toBeNull();
    small.stop();

    const idle = new PreviewIndexes({ tenantDb, logger }, { idleMs: 200 });
    idle.start();
    idle.warm(ids.tenantId);
    await expect.poll(() => preview(idle)).not.toBeNull();
    await expect.poll(() => said).toContain('preview index dropped: idle');
    expect(await preview(idle)).toBeNull();
    idle.stop();
  });

  it('loads a tenant again when more customers changed than it reads one by one', async () => {
    const { browser, ids } = await signedUpLedger('Nawrot');
    const tenantDb = readingTenantDb(pool);
    const logger = pino({ level: 'silent' });
    const indexes = new PreviewIndexes({ tenantDb, logger }, { maxChangedCustomers: 1 });
    const selection: GroupSelection = {
      criteria: { field: 'currency', op: 'in', value: ['PLN', 'EUR', 'JPY'] },
    };
    const answers = () => bothAnswers({ tenantDb, indexes }, ids.tenantId, selection, 50);
    indexes.warm(ids.tenantId);
    await expect.poll(async () => (await answers()).memory).not.toBeNull();
    const before = (await answers()).sql;
    const response = await browser.request('POST', '/api/ledger/batch', {
      invoices: ['K2', 'K3', 'K4'].map((customerId) => ({
        id: `FV/again/${customerId}`,
        number: `FV/again/${customerId}`,
        customerId,
        issueDate: shift(today, -10),
        dueDate: shift(today, 5),
        currency: 'EUR',
        amount: '77.00',
      })),
    });
    expect(response.body.summary.rejected).toBe(0);
    const sqlAlone = () =>
      tenantDb.transaction({ tenantId: ids.tenantId }, async (tx) =>
        previewSelection(tx, selection, await scopeOf(tx, ids.tenantId), 50),
      );
    // Only the SQL is asked until the read model shows all three: the index sees them at once.
    await expect
      .poll(async () => (await sqlAlone()).currencies.find((c) => c.currency === 'EUR'))
      .toEqual({
        ...before.currencies.find((c) => c.currency === 'EUR')!,
        invoices: before.currencies.find((c) => c.currency === 'EUR')!.invoices + 3,
        customers: expect.any(Number),
        open: expect.any(String),
      });
    // Three customers changed: the index gives up and the SQL answers until it is loaded again.
    expect((await answers()).memory).toBeNull();
    indexes.warm(ids.tenantId);
    await expect.poll(async () => (await answers()).memory).not.toBeNull();
    const { sql, memory } = await answers();
    expect(memory).toEqual(sql);
    indexes.stop();
  });
});
