import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
beforeAll(async () => (access = await startAccessServer()));
afterAll(() => access.close());

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const shift = (date: string, days: number) =>
  new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
const money = (minor: number) =>
  `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** A small seeded random source, so a failure can be replayed exactly. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

interface Invoice {
  id: string;
  customerId: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amount: number;
  /** Dated changes after issue: payments (negative) and credit notes (negative). */
  changes: { date: string; change: number }[];
}

/** A ledger with partial payments and credit notes spread over a year. */
function ledger() {
  const next = random(7);
  const invoices: Invoice[] = [];
  for (let c = 0; c < 25; c++) {
    for (let i = 0; i < 12; i++) {
      const issueDate = shift(today, -Math.floor(next() * 360));
      const invoice: Invoice = {
        id: `FV/${c}/${i}`,
        customerId: `K${c}`,
        issueDate,
        dueDate: shift(issueDate, [7, 14, 30, 60][Math.floor(next() * 4)]!),
        currency: next() < 0.7 ? 'PLN' : 'EUR',
        amount: 1000 + Math.floor(next() * 500_000),
        changes: [],
      };
      let open = invoice.amount;
      for (const kind of ['payment', 'payment', 'credit'] as const) {
        if (next() < 0.45 || open === 0) continue;
        const date = shift(issueDate, 1 + Math.floor(next() * 200));
        if (date > today) continue;
        const change = kind === 'credit' ? Math.floor(open * 0.1) : Math.ceil(open * next());
        if (change === 0) continue;
        invoice.changes.push({ date, change: -change });
        open -= change;
      }
      invoices.push(invoice);
    }
  }
  return invoices;
}

const BUCKETS = [
  [null, 0],
  [1, 30],
  [31, 60],
  [61, 90],
  [91, 180],
  [181, null],
] as const;

/** The aging report computed directly from the ledger, without Monity. */
function expectedAging(invoices: Invoice[], asOf: string) {
  const result = new Map<string, { count: number; open: number }[]>();
  for (const invoice of invoices) {
    if (invoice.issueDate > asOf) continue;
    const open =
      invoice.amount +
      invoice.changes.filter((c) => c.date <= asOf).reduce((s, c) => s + c.change, 0);
    if (open <= 0) continue;
    const days = Math.round((Date.parse(asOf) - Date.parse(invoice.dueDate)) / DAY);
    const bucket = BUCKETS.findIndex(
      ([from, to]) => (from === null || days >= from) && (to === null || days <= to),
    );
    const buckets = result.get(invoice.currency) ?? BUCKETS.map(() => ({ count: 0, open: 0 }));
    buckets[bucket]!.count += 1;
    buckets[bucket]!.open += open;
    result.set(invoice.currency, buckets);
  }
  return [...result.keys()].sort().map((currency) => ({
    currency,
    buckets: result.get(currency)!.map((b) => ({ count: b.count, open: money(b.open) })),
  }));
}

describe('aging as of a past day', () => {
  it('matches a calculation made from the invoices, payments and credit notes', async () => {
    const { browser } = await signUp(access.server.url, 'Aging');
    const invoices = ledger();
    const customers = [...new Set(invoices.map((i) => i.customerId))].map((id) => ({
      id,
      name: `Firma ${id}`,
    }));
    const records = invoices.map((i) => ({
      id: i.id,
      number: i.id,
      customerId: i.customerId,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      amount: money(i.amount),
    }));
    const payments = invoices.flatMap((i) => i.changes.map((c, n) => ({ invoice: i, ...c, n })));
    const credits = payments.filter((_, index) => index % 3 === 2);
    const paid = payments.filter((_, index) => index % 3 !== 2);
    // Credit notes as ERP records correcting their invoice; payments allocated explicitly.
    const body = {
      customers,
      invoices: [
        ...records,
        ...credits.map((c) => ({
          id: `KOR/${c.invoice.id}/${c.n}`,
          number: `KOR/${c.invoice.id}/${c.n}`,
          customerId: c.invoice.customerId,
          issueDate: c.date,
          dueDate: c.date,
          currency: c.invoice.currency,
          amount: `-${money(-c.change)}`,
          corrects: c.invoice.id,
        })),
      ],
      payments: paid.map((p) => ({
        id: `WB/${p.invoice.id}/${p.n}`,
        customerId: p.invoice.customerId,
        date: p.date,
        currency: p.invoice.currency,
        amount: money(-p.change),
        allocations: [{ invoiceId: p.invoice.id, amount: money(-p.change) }],
      })),
    };
    const response = await browser.request('POST', '/api/ledger/batch', body);
    expect(
      response.body.summary.rejected,
      JSON.stringify(
        response.body.results
          .filter((r: { status: string }) => r.status === 'rejected')
          .slice(0, 3),
      ),
    ).toBe(0);
    await expect
      .poll(
        async () =>
          (await browser.request('GET', '/api/payments?limit=1&sort=date')).body.items.length,
      )
      .toBe(paid.length > 0 ? 1 : 0);

    for (const days of [0, -15, -45, -100, -200, -400]) {
      const asOf = shift(today, days);
      await expect
        .poll(
          async () => {
            const report = (await browser.request('GET', `/api/aging?asOf=${asOf}`)).body;
            return report.currencies.map(
              (c: { currency: string; buckets: { count: number; open: string }[] }) => ({
                currency: c.currency,
                buckets: c.buckets.map(({ count, open }) => ({ count, open })),
              }),
            );
          },
          { timeout: 10_000 },
        )
        .toEqual(expectedAging(invoices, asOf));
    }
  });
});
