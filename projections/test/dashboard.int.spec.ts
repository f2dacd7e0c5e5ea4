import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import { createPool, sql, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveOverdueDay } from '../src/ledger/overdueDay.ts';

/**
 * Dashboard KPIs against a calculation made here from the ledger the test loads: every
 * figure follows from the invoices, payments and rates below by the formulas of
 * docs/analytics.md.
 */

let access: AccessServer;
let owner: DatabasePool;
beforeAll(async () => {
  access = await startAccessServer();
  owner = await createPool(access.database.url);
});
afterAll(async () => {
  await owner.end();
  await access.close();
});

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
const day = (offset: number) =>
  new Date(Date.parse(today) + offset * DAY).toISOString().slice(0, 10);
const EUR_MID = 4.2531;
const PERIOD = 90;

interface Invoice {
  id: string;
  customerId: string;
  currency: 'PLN' | 'EUR';
  issued: number;
  due: number;
  amount: number;
  paid?: { amount: number; on: number };
  cancelled?: boolean;
}

// Amounts in minor units; days relative to today.
const invoices: Invoice[] = [
  {
    id: 'A1',
    customerId: 'A',
    currency: 'PLN',
    issued: -100,
    due: -80,
    amount: 100_000,
    paid: { amount: 30_000, on: -50 },
  },
  { id: 'A2', customerId: 'A', currency: 'PLN', issued: -20, due: 10, amount: 50_000 },
  {
    id: 'C1',
    customerId: 'C',
    currency: 'PLN',
    issued: -400,
    due: -390,
    amount: 200_000,
    paid: { amount: 50_000, on: -10 },
  },
  { id: 'B1', customerId: 'B', currency: 'EUR', issued: -60, due: -30, amount: 20_000 },
  { id: 'B2', customerId: 'B', currency: 'EUR', issued: -200, due: -170, amount: 10_000 },
  {
    id: 'B3',
    customerId: 'B',
    currency: 'EUR',
    issued: -30,
    due: -5,
    amount: 5_000,
    cancelled: true,
  },
];

const major = (minor: number) =>
  `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const pln = (minor: number, currency: string) =>
  currency === 'PLN' ? minor : Math.round(minor * EUR_MID);

/** The figures of docs/analytics.md, computed from the list above. */
function expectedFigures(currency: string | undefined) {
  const mine = invoices.filter((i) => !currency || i.currency === currency);
  const toBase = (minor: number, c: string) => (currency ? minor : pln(minor, c));
  const open = (i: Invoice) => (i.cancelled ? 0 : i.amount - (i.paid?.amount ?? 0));
  let receivables = 0;
  let overdue = 0;
  let sales = 0;
  let opening = 0;
  let closing = 0;
  let writtenOff = 0;
  for (const i of mine) {
    const c = i.currency;
    receivables += toBase(open(i), c);
    if (i.due < 0) overdue += toBase(open(i), c);
    if (i.issued > -PERIOD) sales += toBase(i.amount, c);
    const paidBy = (d: number) => (i.paid && i.paid.on <= d ? i.paid.amount : 0);
    if (i.issued <= -PERIOD) opening += toBase(i.amount - paidBy(-PERIOD), c);
    closing += toBase(i.cancelled ? 0 : i.amount - paidBy(0), c);
    if (i.cancelled) writtenOff += toBase(i.amount, c);
  }
  const current = receivables - overdue;
  const round = (v: number, p: number) => Number(v.toFixed(p));
  return {
    receivables: major(receivables),
    overdue: major(overdue),
    overdueShare: round(overdue / receivables, 4),
    dso: round((receivables / sales) * PERIOD, 1),
    cei: round(((opening + sales - closing - writtenOff) / (opening + sales - current)) * 100, 1),
  };
}

async function loadLedger(browser: Awaited<ReturnType<typeof signUp>>['browser']) {
  const rates = await browser.request('POST', '/api/exchange-rates', [
    {
      table: 'A',
      no: '230/A/NBP/2026',
      effectiveDate: day(-1),
      rates: [{ currency: 'euro', code: 'EUR', mid: EUR_MID }],
    },
  ]);
  expect(rates.status).toBe(200);
  const batch = await browser.request('POST', '/api/ledger/batch', {
    customers: [
      { id: 'A', name: 'Alfa sp. z o.o.' },
      { id: 'B', name: 'Beta GmbH', country: 'DE' },
      { id: 'C', name: 'Gamma S.A.' },
    ],
    invoices: invoices.map((i) => ({
      id: i.id,
      number: `FV/${i.id}`,
      customerId: i.customerId,
      issueDate: day(i.issued),
      dueDate: day(i.due),
      currency: i.currency,
      amount: major(i.amount),
      ...(i.cancelled ? { cancelled: true } : {}),
    })),
    payments: invoices
      .filter((i) => i.paid)
      .map((i) => ({
        id: `WB/${i.id}`,
        customerId: i.customerId,
        date: day(i.paid!.on),
        currency: i.currency,
        amount: major(i.paid!.amount),
        allocations: [{ invoiceId: i.id, amount: major(i.paid!.amount) }],
      })),
  });
  expect(batch.body.summary.rejected).toBe(0);
  await expect
    .poll(async () => (await browser.request('GET', '/api/payments')).body.items.length)
    .toBe(2);
}

describe('the dashboard', () => {
  it('shows receivables, overdue, DSO, CEI and top debtors, per currency and in PLN', async () => {
    const { browser } = await signUp(access.server.url, 'Dashboard');
    await loadLedger(browser);
    const board = (await browser.request('GET', `/api/dashboard?period=${PERIOD}`)).body;
    expect(board.headline).toEqual({ ...expectedFigures(undefined), missingRates: [] });
    for (const currency of ['EUR', 'PLN']) {
      const { receivables, overdue, overdueShare, dso, cei } = expectedFigures(currency);
      expect(
        board.currencies.find((c: { currency: string }) => c.currency === currency),
      ).toMatchObject({ receivables, overdue, overdueShare, dso, cei });
      const one = (await browser.request('GET', `/api/dashboard?currency=${currency}`)).body;
      expect(one.headline).toEqual({ ...expectedFigures(currency), missingRates: [] });
    }
    const pln = board.currencies.find((c: { currency: string }) => c.currency === 'PLN');
    expect(pln.buckets.map((b: { label: string; open: string }) => [b.label, b.open])).toEqual([
      ['not_due', '500.00'],
      ['1-30', '0.00'],
      ['31-60', '0.00'],
      ['61-90', '700.00'],
      ['91-180', '0.00'],
      ['180+', '1500.00'],
    ]);
    // Gamma owes 1500 PLN, Beta 300 EUR (1275.93 PLN), Alfa 700 PLN overdue.
    expect(
      board.topDebtors.map((d: { name: string; overdue: string }) => [d.name, d.overdue]),
    ).toEqual([
      ['Gamma S.A.', '1500.00'],
      ['Beta GmbH', '300.00'],
      ['Alfa sp. z o.o.', '700.00'],
    ]);
  });

  it("keeps customers' overdue totals true as days pass, and back", async () => {
    const { browser } = await signUp(access.server.url, 'Days');
    await loadLedger(browser);
    await browser.request('GET', '/api/dashboard');
    const tenantId = (await browser.request('GET', '/api/session')).body.tenant.id;
    const totalsOfAlfa = async () =>
      owner.one(sql.unsafe`
        SELECT t.overdue_amount::int AS overdue, t.overdue_invoices::int AS invoices
        FROM rm_customer_totals t JOIN rm_customers c USING (tenant_id, customer_id)
        WHERE t.tenant_id = ${tenantId} AND c.name = 'Alfa sp. z o.o.'`);
    expect(await totalsOfAlfa()).toEqual({ overdue: 70_000, invoices: 1 });
    await moveOverdueDay(owner, tenantId, day(11));
    expect(await totalsOfAlfa()).toEqual({ overdue: 120_000, invoices: 2 });
    // A payment projected while the totals stand eleven days ahead lowers them by its amount.
    await browser.request('POST', '/api/ledger/batch', {
      payments: [
        {
          id: 'WB/A2',
          customerId: 'A',
          date: today,
          currency: 'PLN',
          amount: '100.00',
          allocations: [{ invoiceId: 'A2', amount: '100.00' }],
        },
      ],
    });
    await expect.poll(totalsOfAlfa).toEqual({ overdue: 110_000, invoices: 2 });
    await moveOverdueDay(owner, tenantId, today);
    expect(await totalsOfAlfa()).toEqual({ overdue: 70_000, invoices: 1 });
  });

  it('draws a trend from daily snapshots backfilled from the history', async () => {
    const { browser } = await signUp(access.server.url, 'Trend');
    await loadLedger(browser);
    expect((await browser.request('GET', '/api/dashboard/trend')).body.items).toEqual([]);
    const taken = await browser.request('POST', '/api/dashboard/snapshots');
    expect(taken.body.days).toBe(401);
    const trend = (await browser.request('GET', '/api/dashboard/trend?months=12')).body.items;
    expect(trend.at(-1)).toEqual({
      day: today,
      receivables: expectedFigures(undefined).receivables,
      overdue: expectedFigures(undefined).overdue,
      missingRates: [],
    });
    // 95 days ago: A1 (1000.00, due in 15 days) and C1 (2000.00, overdue) were open in PLN;
    // B2 in EUR too, but no EUR rate was in force yet, so it is named and left out.
    expect(trend.find((p: { day: string }) => p.day === day(-95))).toEqual({
      day: day(-95),
      receivables: '3000.00',
      overdue: '2000.00',
      missingRates: ['EUR'],
    });
    expect(trend.length).toBeGreaterThan(360);
  });
});
