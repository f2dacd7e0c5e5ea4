import { startAccessServer, type AccessServer } from '@monity/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderProjection } from '../src/analytics/reminderProjection.ts';
import { ledgerProjection } from '../src/ledger/ledgerProjection.ts';
import { messageProjection } from '../src/messages/messageProjection.ts';
import { exchangeRateProjection } from '../src/rates/exchangeRateProjection.ts';
import { openEventStream } from './support/eventStreamClient.ts';
import { companyWithKey, READ_MODEL, type CompanyApi } from './support/collectionTestKit.ts';

/**
 * The dashboard's collection figures — messages by channel and status, and what was paid within
 * N days after a reminder — against a calculation made here from the story below: who was
 * reminded of what and when, and which payments were recorded when, with which date. The
 * formulas are those of docs/analytics.md.
 */

let now = new Date('2025-12-01T09:00:00Z');
const clock = { now: () => now };
let access: AccessServer;
let owner: pg.Client;
beforeAll(async () => {
  access = await startAccessServer({}, { clock });
  owner = new pg.Client(access.database.url);
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await access.close();
});

const EUR_MID = 4.2531;
const TODAY = '2026-03-31';
const TODAY_AT = '2026-03-31T10:00:00Z';

interface Invoice {
  customer: string;
  currency: 'PLN' | 'EUR';
  amount: number;
}
// Amounts in minor units.
const INVOICES: Record<string, Invoice> = {
  A1: { customer: 'A', currency: 'PLN', amount: 100_000 },
  A2: { customer: 'A', currency: 'PLN', amount: 50_000 },
  B1: { customer: 'B', currency: 'EUR', amount: 80_000 },
  C1: { customer: 'C', currency: 'PLN', amount: 200_000 },
  C2: { customer: 'C', currency: 'PLN', amount: 40_000 },
  D1: { customer: 'D', currency: 'PLN', amount: 30_000 },
};
const CUSTOMERS = {
  A: { name: 'Alfa sp. z o.o.', email: 'alfa@example.pl' },
  B: { name: 'Beta GmbH', email: 'beta@example.de' },
  C: { name: 'Gamma S.A.', email: 'gamma@example.pl', phone: '+48600100200' },
  D: { name: 'Delta', email: 'delta@example.pl' },
};

/** What happened, in the order it was recorded: `at` is the server's clock when it was. */
type Step =
  | { at: string; remind: string; customer: keyof typeof CUSTOMERS; invoices: string[] }
  | { at: string; remind: string; customer: keyof typeof CUSTOMERS; invoices: string[]; sms: true }
  | { at: string; pay: string; invoice: string; date: string; amount: number }
  | { at: string; settle: string; date: string; amount: number };

// Warsaw is an hour ahead of UTC until 29 March 2026, two after.
const STORY: Step[] = [
  // Paid before any reminder: A1's reminders remind of 700.00.
  { at: '2025-12-10T09:00:00Z', pay: 'A1', invoice: 'A1', date: '2025-12-10', amount: 30_000 },
  // A reminder before the period (90 days up to 31 March begin on 1 January), paid in time.
  { at: '2025-12-15T10:00:00Z', remind: 'R0', customer: 'D', invoices: ['D1'] },
  { at: '2025-12-20T09:00:00Z', pay: 'D1', invoice: 'D1', date: '2025-12-19', amount: 30_000 },
  { at: '2026-02-02T10:00:00Z', remind: 'R1', customer: 'A', invoices: ['A1', 'A2'] },
  { at: '2026-02-05T09:00:00Z', pay: 'A2', invoice: 'A2', date: '2026-02-05', amount: 50_000 },
  { at: '2026-02-10T10:00:00Z', remind: 'R2', customer: 'B', invoices: ['B1'] },
  // Recorded after R2, but paid two days before it: not counted.
  { at: '2026-02-11T09:00:00Z', pay: 'B1a', invoice: 'B1', date: '2026-02-08', amount: 10_000 },
  { at: '2026-02-12T09:00:00Z', pay: 'A1b', invoice: 'A1', date: '2026-02-12', amount: 20_000 },
  { at: '2026-02-15T09:00:00Z', pay: 'B1b', invoice: 'B1', date: '2026-02-15', amount: 30_000 },
  // A second reminder of A1, of what is left: 500.00.
  { at: '2026-02-16T10:00:00Z', remind: 'R3', customer: 'A', invoices: ['A1'] },
  // Settled in the ERP: B1's open amount sent as 300.00 instead of 400.00.
  { at: '2026-02-20T09:00:00Z', settle: 'B1', date: '2026-02-20', amount: 10_000 },
  // Counts for R3 (4 days) and, within 18 days, for R1.
  { at: '2026-02-21T09:00:00Z', pay: 'A1c', invoice: 'A1', date: '2026-02-20', amount: 50_000 },
  { at: '2026-02-28T09:00:00Z', pay: 'C1a', invoice: 'C1', date: '2026-02-27', amount: 150_000 },
  { at: '2026-03-01T10:00:00Z', remind: 'R4', customer: 'C', invoices: ['C1'], sms: true },
  { at: '2026-03-06T09:00:00Z', pay: 'C1b', invoice: 'C1', date: '2026-03-05', amount: 50_000 },
  // 38 days after R2.
  { at: '2026-03-20T09:00:00Z', pay: 'B1c', invoice: 'B1', date: '2026-03-20', amount: 5_000 },
  // Dated the reminder's day: recorded before it, it lowers what is reminded; after, it counts.
  { at: '2026-03-25T07:00:00Z', pay: 'C2a', invoice: 'C2', date: '2026-03-25', amount: 5_000 },
  { at: '2026-03-25T10:00:00Z', remind: 'R5', customer: 'C', invoices: ['C2'] },
  { at: '2026-03-26T09:00:00Z', pay: 'C2b', invoice: 'C2', date: '2026-03-25', amount: 10_000 },
];

const warsawDay = (instant: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(instant));
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
const major = (minor: number) =>
  `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const round4 = (value: number) => Number(value.toFixed(4));

/** Waits until `done` holds (expect.poll cannot wait in a set-up hook). */
async function until(done: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + READ_MODEL.timeout;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Figures {
  reminders: number;
  windowOpen: number;
  reminded: number;
  paid: number;
}

/**
 * The figures of docs/analytics.md, from the story: each reminder reminds of its invoices' open
 * amounts as recorded before it; a payment recorded after it counts, up to that amount, when
 * dated from its day to N days later.
 */
function expectedReminders(period: number, within: number) {
  const byCurrency = new Map<string, Figures>();
  STORY.forEach((step, index) => {
    if (!('remind' in step)) return;
    const day = warsawDay(step.at);
    if (day <= addDays(TODAY, -period) || day > TODAY) return;
    const currency = INVOICES[step.invoices[0]!]!.currency;
    const figures = byCurrency.get(currency) ?? {
      reminders: 0,
      windowOpen: 0,
      reminded: 0,
      paid: 0,
    };
    figures.reminders += 1;
    if (day >= addDays(TODAY, -within)) figures.windowOpen += 1;
    for (const invoice of step.invoices) {
      const payments = (steps: Step[]): { date: string; amount: number }[] =>
        steps.filter(
          (s): s is Extract<Step, { amount: number }> =>
            ('pay' in s && s.invoice === invoice) || ('settle' in s && s.settle === invoice),
        );
      const open = payments(STORY.slice(0, index)).reduce(
        (left, p) => left - p.amount,
        INVOICES[invoice]!.amount,
      );
      figures.reminded += open;
      let unpaid = open;
      for (const payment of payments(STORY.slice(index + 1))) {
        const counted = Math.min(unpaid, payment.amount);
        unpaid -= counted;
        if (payment.date >= day && payment.date <= addDays(day, within)) figures.paid += counted;
      }
    }
    byCurrency.set(currency, figures);
  });
  const pln = (minor: number, currency: string) =>
    currency === 'PLN' ? minor : Math.round(minor * EUR_MID);
  const shown = (f: Figures) => ({
    reminders: f.reminders,
    windowOpen: f.windowOpen,
    reminded: major(f.reminded),
    paid: major(f.paid),
    paidShare: f.reminded > 0 ? round4(f.paid / f.reminded) : null,
  });
  const currencies = [...byCurrency].sort(([a], [b]) => a.localeCompare(b));
  const total = { reminders: 0, windowOpen: 0, reminded: 0, paid: 0 };
  for (const [currency, f] of currencies) {
    total.reminders += f.reminders;
    total.windowOpen += f.windowOpen;
    total.reminded += pln(f.reminded, currency);
    total.paid += pln(f.paid, currency);
  }
  return {
    paidWithinDays: within,
    headline: { ...shown(total), missingRates: [] },
    currencies: currencies.map(([currency, f]) => ({ currency, ...shown(f) })),
    byCurrency,
    shown,
  };
}

describe('the collection figures of the dashboard', () => {
  let api: CompanyApi;
  let key: string;
  const ids = { invoices: new Map<string, string>(), customers: new Map<string, string>() };
  const messages = new Map<string, string>();

  /** Queues a message as a collector does and waits until the sandbox has taken it. */
  async function remind(step: Extract<Step, { remind: string }>) {
    const customer = CUSTOMERS[step.customer];
    const sms = 'sms' in step;
    const queued = await api('POST', '/api/messages', {
      medium: sms ? 'sms' : 'email',
      to: sms ? (customer as { phone: string }).phone : customer.email,
      ...(sms ? {} : { subject: 'Przypomnienie o płatności' }),
      text: `Przypominamy o fakturach ${step.invoices.join(', ')}`,
      customerId: ids.customers.get(step.customer),
      currency: INVOICES[step.invoices[0]!]!.currency,
      invoiceIds: step.invoices.map((invoice) => ids.invoices.get(invoice)),
    });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    messages.set(step.remind, queued.body.id);
    await until(async () => {
      const { rows } = await owner.query(
        `SELECT 1 FROM events WHERE type = 'MessageSent' AND data->>'messageId' = $1`,
        [queued.body.id],
      );
      return rows.length === 1;
    }, `${step.remind} to be sent`);
  }

  async function record(step: Step) {
    now = new Date(step.at);
    if ('remind' in step) return remind(step);
    if ('pay' in step) {
      const invoice = INVOICES[step.invoice]!;
      const paid = await api('POST', '/api/ledger/batch', {
        payments: [
          {
            id: `WB/${step.pay}`,
            customerId: invoice.customer,
            date: step.date,
            currency: invoice.currency,
            amount: major(step.amount),
            allocations: [{ invoiceId: step.invoice, amount: major(step.amount) }],
          },
        ],
      });
      expect(paid.body.summary.rejected, JSON.stringify(paid.body)).toBe(0);
      return;
    }
    const invoice = INVOICES[step.settle]!;
    const open = STORY.slice(0, STORY.indexOf(step)).reduce(
      (left, s) =>
        ('pay' in s && s.invoice === step.settle) || ('settle' in s && s.settle === step.settle)
          ? left - s.amount
          : left,
      invoice.amount,
    );
    const settled = await api('POST', '/api/ledger/batch', {
      invoices: [
        {
          ...invoiceRecord(step.settle),
          openAmount: major(open - step.amount),
          balanceDate: step.date,
        },
      ],
    });
    expect(settled.body.summary.rejected, JSON.stringify(settled.body)).toBe(0);
  }

  const invoiceRecord = (id: string) => ({
    id,
    number: `FV/${id}`,
    customerId: INVOICES[id]!.customer,
    issueDate: '2025-11-01',
    dueDate: '2025-11-15',
    currency: INVOICES[id]!.currency,
    amount: major(INVOICES[id]!.amount),
  });

  /** Waits until the read models the dashboard reads have applied every committed event. */
  async function caughtUp() {
    const readModels = [ledgerProjection, exchangeRateProjection, messageProjection];
    await until(async () => {
      for (const { name, eventTypes } of [...readModels, reminderProjection]) {
        const { rows } = await owner.query(
          `SELECT count(*)::int AS pending FROM events e, projection_checkpoints c
           WHERE c.projection = $1 AND c.slot = 'live' AND e.type = ANY($2)
             AND (e.transaction_id, e.position) > (c.transaction_id, c.position)`,
          [name, eventTypes],
        );
        if (rows[0].pending > 0) return false;
      }
      return true;
    }, 'the read models');
  }

  const board = async (query: string) => {
    const answer = await api('GET', `/api/dashboard?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    ({ api, key } = await companyWithKey(access.server.url, 'Przypomnienia'));
    const loaded = await api('POST', '/api/ledger/batch', {
      customers: Object.entries(CUSTOMERS).map(([id, c]) => ({
        id,
        name: c.name,
        emails: [c.email],
        ...('phone' in c ? { phones: [c.phone] } : {}),
      })),
      invoices: Object.keys(INVOICES).map(invoiceRecord),
    });
    expect(loaded.body.summary.rejected, JSON.stringify(loaded.body)).toBe(0);
    await caughtUp();
    for (const invoice of (await api('GET', '/api/invoices?limit=50')).body.items) {
      ids.invoices.set(invoice.sourceId, invoice.id);
      ids.customers.set(INVOICES[invoice.sourceId]!.customer, invoice.customerId);
    }
    for (const step of STORY) await record(step);
    // A channel test, and a reminder that has not left yet: neither is a reminder sent.
    now = new Date('2026-03-30T08:00:00Z');
    const test = await api('POST', '/api/messages/test', { medium: 'email', to: 'me@example.pl' });
    expect(test.status, JSON.stringify(test.body)).toBeLessThan(300);
    const later = await api('POST', '/api/messages', {
      medium: 'email',
      to: CUSTOMERS.A.email,
      subject: 'Wezwanie',
      text: 'Wezwanie do zapłaty',
      customerId: ids.customers.get('A'),
      currency: 'PLN',
      invoiceIds: [ids.invoices.get('A1')],
      notBefore: '2099-01-04T08:00:00Z',
    });
    expect(later.status, JSON.stringify(later.body)).toBe(202);
    now = new Date(TODAY_AT);
    const rates = await api('POST', '/api/exchange-rates', [
      {
        table: 'A',
        no: '062/A/NBP/2026',
        effectiveDate: '2026-03-30',
        rates: [{ currency: 'euro', code: 'EUR', mid: EUR_MID }],
      },
    ]);
    expect(rates.status, JSON.stringify(rates.body)).toBe(200);
    await caughtUp();
  }, 120_000);

  it('sums what was paid within N days of each reminder, per currency and in PLN', async () => {
    // Worked out by hand for N = 14: in PLN R1 reminded of 1200.00 and had 700.00 of it paid
    // within 14 days, R3 500.00 of 500.00, R4 500.00 of 500.00, R5 100.00 of 350.00; in EUR
    // R2 400.00 of 800.00 (the payment dated before it and the one 38 days later left out).
    const fourteen = expectedReminders(90, 14);
    expect(fourteen.currencies).toEqual([
      {
        currency: 'EUR',
        reminders: 1,
        windowOpen: 0,
        reminded: '800.00',
        paid: '400.00',
        paidShare: 0.5,
      },
      {
        currency: 'PLN',
        reminders: 4,
        windowOpen: 1,
        reminded: '2550.00',
        paid: '1800.00',
        paidShare: 0.7059,
      },
    ]);
    for (const within of [1, 7, 14, 30, 40]) {
      const expected = expectedReminders(90, within);
      const answer = await board(`period=90&paidWithin=${within}`);
      expect(answer.reminders, `N = ${within}`).toEqual({
        paidWithinDays: within,
        headline: expected.headline,
        currencies: expected.currencies,
      });
    }
    // Left out: 14 is the default N.
    expect((await board('period=90')).reminders.paidWithinDays).toBe(14);
    // A shorter period: 1 March is the day before the 30 days up to 31 March.
    const short = expectedReminders(30, 14);
    expect(short.currencies.map((c) => c.currency)).toEqual(['PLN']);
    expect((await board('period=30&paidWithin=14')).reminders.currencies).toEqual(short.currencies);
    // One currency, unconverted.
    const eur = await board('period=90&paidWithin=14&currency=EUR');
    expect(eur.reminders.headline).toEqual({
      ...fourteen.shown(fourteen.byCurrency.get('EUR')!),
      missingRates: [],
    });
  });

  it('counts the messages of the period by medium, channel and status', async () => {
    const answer = await board('period=90');
    // Independently: the message log, as GET /api/messages lists it.
    const log = (await api('GET', '/api/messages?limit=100')).body.items as {
      medium: string;
      channel: string;
      status: string;
      purpose: string;
      createdAt: string;
    }[];
    const expected = new Map<string, { medium: string; channel: string; statuses: object }>();
    for (const m of log) {
      const day = warsawDay(m.createdAt);
      if (m.purpose === 'test' || day <= addDays(TODAY, -90) || day > TODAY) continue;
      const row = expected.get(`${m.medium}/${m.channel}`) ?? {
        medium: m.medium,
        channel: m.channel,
        statuses: {} as Record<string, number>,
      };
      const statuses = row.statuses as Record<string, number>;
      statuses[m.status] = (statuses[m.status] ?? 0) + 1;
      expected.set(`${m.medium}/${m.channel}`, row);
    }
    const channels = [...expected.values()].map((row) => ({
      ...row,
      total: Object.values(row.statuses).reduce((a: number, b: number) => a + b, 0),
    }));
    expect(answer.messages.channels).toEqual(
      channels.sort((a, b) => `${a.medium}/${a.channel}`.localeCompare(`${b.medium}/${b.channel}`)),
    );
    // R1, R2, R3 and R5 sent and one waiting by e-mail, R4 by SMS; R0 and the test left out.
    expect(answer.messages).toEqual({
      total: 6,
      statuses: { queued: 1, sent: 5 },
      channels: [
        {
          medium: 'email',
          channel: 'sandbox',
          total: 5,
          statuses: { queued: 1, sent: 4 },
        },
        { medium: 'sms', channel: 'sandbox', total: 1, statuses: { sent: 1 } },
      ],
    });
  });

  it('tells the live dashboard when messages or payments after a reminder change', async () => {
    const stream = await openEventStream(`${access.server.url}/api/live`, {
      authorization: `Bearer ${key}`,
    });
    try {
      await stream.next('ready');
      const naming = (projection: string) => (data: unknown) =>
        (data as { projections: string[] }).projections.includes(projection);
      now = new Date('2026-03-31T11:00:00Z');
      // C2 has 250.00 left after R5: R6 reminds of it again.
      await remind({ at: now.toISOString(), remind: 'R6', customer: 'C', invoices: ['C2'] });
      await stream.next('read-models', naming('messages'));
      await stream.next('read-models', naming('reminder_payments'));
      await caughtUp();
      const before = (await board('period=90&paidWithin=14')).reminders.headline;
      const seen = stream.events.length;
      await record({
        at: '2026-03-31T12:00:00Z',
        pay: 'C2c',
        invoice: 'C2',
        date: TODAY,
        amount: 10_000,
      });
      await expect
        .poll(() =>
          stream.events
            .slice(seen)
            .some(
              (e) => e.event === 'read-models' && naming('reminder_payments')(JSON.parse(e.data)),
            ),
        )
        .toBe(true);
      await caughtUp();
      const after = (await board('period=90&paidWithin=14')).reminders.headline;
      // Today is within 14 days of R5 (6 days) and of R6 (0): 100.00 counts for each.
      expect(after.reminders).toBe(before.reminders);
      expect(Math.round(Number(after.paid) * 100) - Math.round(Number(before.paid) * 100)).toBe(
        20_000,
      );
    } finally {
      stream.close();
    }
  });
});
