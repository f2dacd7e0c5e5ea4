import {
  drawCustomerScale,
  drawInvoiceAmount,
  partOf,
  splitInstalments,
  type Currency,
} from './amounts.ts';
import { isWeekend, lastWorkdayOfMonth, nextWorkday } from './calendar.ts';
import { pickForeignCountry, type ForeignCountry } from './foreignCountries.ts';
import { Weighted, type Random } from './prng.ts';

/**
 * The numbers of one customer's account: its invoices, credit notes and payments as days and
 * minor units, before any text is made. Kept apart from the text so the ledger's counts can be
 * had from this part alone, and so a customer's account is the same however it is iterated.
 *
 * The story the numbers tell: each customer has a payment habit (punctual, typical, slow, bad)
 * that sets how many days after the due date it pays. An invoice whose payment day is still in
 * the future is open today, which is what fills the aging buckets: recent invoices mostly open,
 * old ones mostly paid, except those a bad payer never pays, or pays only in part.
 */

export interface InvoicePlan {
  issueDay: number;
  dueDay: number;
  currency: Currency;
  /** Gross amount in minor units; negative for a credit note. */
  amount: number;
  /** Left to pay today: the amount less credit notes and payments; 0 when cancelled. */
  open: number;
  /** For a credit note: the invoice it corrects. */
  corrects?: InvoicePlan;
  cancelled: boolean;
  /** Given by the ledger's numbering, once the invoice's place among all customers is known. */
  id: string;
}

interface Allocation {
  invoice: InvoicePlan;
  amount: number;
}

type PaymentKind =
  'full' | 'instalment' | 'partial' | 'batch' | 'duplicate' | 'onAccount' | 'unidentified';

export interface PaymentPlan {
  day: number;
  currency: Currency;
  amount: number;
  /** Empty for money the ERP could not match to an invoice. */
  allocations: Allocation[];
  kind: PaymentKind;
  /** The invoice a duplicate payment repeats by mistake. */
  repeats?: InvoicePlan;
  /** The instalment's place, from 1, for instalments and partial payments. */
  instalment?: number;
  id: string;
}

export interface AccountPlan {
  /** Left out for a Polish customer. */
  foreign?: ForeignCountry;
  /** A private person, who has no tax id. */
  privatePerson: boolean;
  /** In issue order; a credit note after the invoice it corrects. */
  invoices: InvoicePlan[];
  /** In date order. */
  payments: PaymentPlan[];
}

/** The days an invoice's issue dates are spread over: about 18 months up to today. */
const HISTORY_DAYS = 548;

interface Habit {
  /** Days after the due date the customer pays; negative is early. */
  delay: (random: Random) => number;
  /** The share of invoices never paid in full. */
  neverPays: number;
  /** The chance that the customer pays the week's invoices in one transfer. */
  batches: number;
}

const HABITS = new Weighted<Habit>([
  [
    {
      delay: (random) => (random.chance(0.3) ? -random.int(0, 10) : random.int(-2, 3)),
      neverPays: 0.003,
      batches: 0.3,
    },
    40,
  ],
  [
    {
      delay: (random) => Math.round(random.logNormal(7, 0.9)) - 3,
      neverPays: 0.015,
      batches: 0.25,
    },
    35,
  ],
  [
    { delay: (random) => Math.round(random.logNormal(25, 0.7)), neverPays: 0.05, batches: 0.15 },
    18,
  ],
  [{ delay: (random) => Math.round(random.logNormal(60, 0.8)), neverPays: 0.3, batches: 0.05 }, 7],
]);

/** Payment terms in days: 14 and 30 the most common, as in Polish trade. */
const TERMS = new Weighted<number>([
  [14, 35],
  [30, 35],
  [7, 10],
  [21, 8],
  [60, 12],
]);

/** A Polish customer's main invoicing currency; tuned so that invoices come out 60/25/15. */
const POLISH_CURRENCIES = new Weighted<Currency>([
  ['PLN', 65.5],
  ['EUR', 21],
  ['USD', 13.5],
]);
const ALL_CURRENCIES: readonly Currency[] = ['PLN', 'EUR', 'USD'];

const FOREIGN_SHARE = 0.05;
const PRIVATE_SHARE = 0.0105;
const CANCELLED_SHARE = 0.005;
const CREDIT_NOTE_SHARE = 0.02;
const INSTALMENT_SHARE = 0.07;
/** Extra payments per regular one that match nothing, so they are about 3 % of all payments. */
const UNMATCHED_RATE = 0.031;

export function planAccount(random: Random, today: number, perCustomer: number): AccountPlan {
  const foreign = random.chance(FOREIGN_SHARE) ? pickForeignCountry(random) : undefined;
  const privatePerson = !foreign && random.chance(PRIVATE_SHARE / (1 - FOREIGN_SHARE));
  const habit = HABITS.pick(random);
  const term = TERMS.pick(random);
  const scale = drawCustomerScale(random) * (privatePerson ? 0.25 : 1);
  // Private persons pay in zloty; firms by the mix of their country.
  const mix = (foreign?.currencies ?? POLISH_CURRENCIES).pick(random);
  const main = privatePerson ? 'PLN' : mix;
  // Some customers are invoiced in a second currency as well, for part of their invoices.
  const second = random.chance(0.15) ? random.pick(ALL_CURRENCIES.filter((c) => c !== main)) : main;
  const secondShare = 0.2 + 0.3 * random.float();

  // Most customers buy all along; some started lately, some stopped a while ago.
  const first = today - HISTORY_DAYS + 1;
  const start = random.chance(0.8) ? first : first + random.int(0, HISTORY_DAYS - 60);
  const end = random.chance(0.9) ? today : random.int(Math.min(start + 30, today), today);

  const regular: InvoicePlan[] = [];
  const count = invoiceCount(random, perCustomer);
  for (let i = 0; i < count; i++) {
    const issueDay = issueDayIn(random, start, end, today);
    const currency = random.chance(secondShare) ? second : main;
    const days = random.chance(0.88) ? term : TERMS.pick(random);
    const amount = drawInvoiceAmount(random, scale, currency);
    regular.push({
      issueDay,
      dueDay: issueDay + days,
      currency,
      amount,
      open: amount,
      cancelled: false,
      id: '',
    });
  }
  regular.sort((a, b) => a.issueDay - b.issueDay);

  const invoices: InvoicePlan[] = [];
  const payments: PaymentPlan[] = [];
  for (const invoice of regular) {
    invoices.push(invoice);
    if (random.chance(CANCELLED_SHARE)) {
      invoice.cancelled = true;
      invoice.open = 0;
      continue;
    }
    if (random.chance(CREDIT_NOTE_SHARE)) {
      const note = creditNote(random, invoice, today);
      if (note) {
        invoices.push(note);
        invoice.open += note.amount;
      }
    }
    if (invoice.open > 0) payInvoice(random, invoice, habit, today, payments);
  }
  invoices.sort((a, b) => a.issueDay - b.issueDay);

  const transfers = random.chance(habit.batches) ? batchByWeek(payments) : payments;
  const unmatched: PaymentPlan[] = [];
  for (const payment of transfers) {
    if (random.chance(UNMATCHED_RATE)) unmatched.push(unmatchedPayment(random, payment, today));
  }
  const all = unmatched.length > 0 ? [...transfers, ...unmatched] : transfers;
  all.sort((a, b) => a.day - b.day);
  return { foreign, privatePerson, invoices, payments: all };
}

/**
 * How many invoices a customer has: log-normal around the average (many customers buy a few
 * times, a few buy very often), rounded at random so the mean stays the average asked for.
 */
function invoiceCount(random: Random, average: number): number {
  if (average <= 0) return 0;
  const spread = 0.9;
  const value = average * Math.exp(spread * random.normal() - (spread * spread) / 2);
  return Math.min(Math.floor(value + random.float()), Math.ceil(average * 25));
}

/**
 * An issue day in the customer's window, a little more often recent than old (the business
 * grows), on a working day, and for some invoices the month's last working day (monthly billing).
 */
function issueDayIn(random: Random, start: number, end: number, today: number): number {
  let day = end;
  for (let attempt = 0; attempt < 6; attempt++) {
    day = end - Math.floor((end - start + 1) * Math.pow(random.float(), 1.2));
    if (!isWeekend(day)) break;
  }
  if (random.chance(0.15)) {
    const monthEnd = lastWorkdayOfMonth(day);
    if (monthEnd <= today) day = monthEnd;
  }
  while (isWeekend(day) && day > start) day--;
  return day;
}

/** A credit note days or weeks after the invoice: a return, a price correction, or all of it. */
function creditNote(random: Random, invoice: InvoicePlan, today: number): InvoicePlan | undefined {
  const issueDay = nextWorkday(invoice.issueDay + random.int(2, 40));
  if (issueDay > today) return undefined;
  const change = random.chance(0.3) ? invoice.amount : partOf(random, invoice.amount, 5, 50);
  return {
    issueDay,
    dueDay: Math.max(invoice.dueDay, issueDay),
    currency: invoice.currency,
    amount: -change,
    open: 0,
    corrects: invoice,
    cancelled: false,
    id: '',
  };
}

/**
 * The invoice's payments up to today. A customer pays by its habit: in full, now and then in
 * instalments; or, for the invoices it never pays in full, a part or nothing at all. A payment
 * whose day is after today has not happened yet, and the invoice stays open.
 */
function payInvoice(
  random: Random,
  invoice: InvoicePlan,
  habit: Habit,
  today: number,
  payments: PaymentPlan[],
): void {
  let parts: number[];
  let kind: PaymentKind;
  if (random.chance(habit.neverPays)) {
    if (!random.chance(0.4)) return;
    const paid = partOf(random, invoice.open, 20, 60);
    parts = splitInstalments(random, paid, random.int(1, 2));
    kind = 'partial';
  } else {
    parts = random.chance(INSTALMENT_SHARE)
      ? splitInstalments(random, invoice.open, random.int(2, 3))
      : [invoice.open];
    kind = parts.length > 1 ? 'instalment' : 'full';
  }
  let day = Math.max(invoice.issueDay + 1, invoice.dueDay + habit.delay(random));
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) day += random.int(14, 45);
    day = nextWorkday(day);
    if (day > today) return;
    const amount = parts[i] as number;
    invoice.open -= amount;
    payments.push({
      day,
      currency: invoice.currency,
      amount,
      allocations: [{ invoice, amount }],
      kind,
      ...(kind === 'full' ? {} : { instalment: i + 1 }),
      id: '',
    });
  }
}

/**
 * A customer that settles the week's invoices in one transfer: the full payments of each
 * calendar week and currency become one payment on the week's last payment day.
 */
function batchByWeek(payments: PaymentPlan[]): PaymentPlan[] {
  const weeks = new Map<string, PaymentPlan>();
  const result: PaymentPlan[] = [];
  for (const payment of payments) {
    if (payment.kind !== 'full') {
      result.push(payment);
      continue;
    }
    // Day 4 since the epoch was a Monday; weeks run Monday to Sunday.
    const key = `${payment.currency}:${Math.floor((payment.day - 4) / 7)}`;
    const batch = weeks.get(key);
    if (!batch) {
      weeks.set(key, payment);
      result.push(payment);
      continue;
    }
    batch.kind = 'batch';
    batch.day = Math.max(batch.day, payment.day);
    batch.amount += payment.amount;
    batch.allocations.push(...payment.allocations);
  }
  return result;
}

/**
 * Money the ERP could not match: the same invoice paid twice, a round sum paid on account, or a
 * transfer whose title names nothing. None is allocated, so none changes an invoice's balance.
 */
function unmatchedPayment(random: Random, after: PaymentPlan, today: number): PaymentPlan {
  const day = Math.min(today, nextWorkday(after.day + random.int(0, 20)));
  const base = { day, currency: after.currency, allocations: [], id: '' };
  const kind = random.float();
  if (kind < 0.4) {
    const repeats = after.allocations[0]?.invoice;
    return { ...base, amount: after.amount, kind: 'duplicate', ...(repeats ? { repeats } : {}) };
  }
  if (kind < 0.7) {
    const amount = random.pick([100, 200, 250, 300, 500, 1000, 1500, 2000, 5000]) * 100;
    return { ...base, amount, kind: 'onAccount' };
  }
  return { ...base, amount: random.int(20_00, 3_000_00), kind: 'unidentified' };
}
