import type { CustomerRecord, InvoiceRecord, LedgerRecordLine, PaymentRecord } from '@monity/core';
import { planAccount, type AccountPlan, type InvoicePlan } from './accountPlan.ts';
import { formatMinor } from './amounts.ts';
import { civil, DayFormat, isoToDay } from './calendar.ts';
import { customerRecord } from './customerRecords.ts';
import { Random, seedOf } from './prng.ts';
import { transferTitle } from './transferTitles.ts';

/**
 * A demo ledger of Polish receivables, made customer by customer as it is iterated: nothing is
 * kept but the customer at hand, so memory stays flat at any size. Each customer's account is
 * drawn from streams seeded by the ledger's seed and the customer's index alone, so the same seed
 * and size give the same bytes, and the separate iterations below agree with each other.
 */

export interface LedgerOptions {
  /** Any safe integer; 1 when left out. */
  seed?: number;
  customers: number;
  /** The average number of invoices per customer (credit notes come on top); 10 by default. */
  invoicesPerCustomer?: number;
  /** The "as of" day, YYYY-MM-DD: invoices are issued and payments arrive up to it. */
  today: string;
}

export interface LedgerCounts {
  customers: number;
  /** Invoices and credit notes. */
  invoices: number;
  payments: number;
}

/** One customer with its documents, in import order. */
export interface CustomerAccount {
  customer: CustomerRecord;
  /** In issue order; a credit note after the invoice it corrects. */
  invoices: InvoiceRecord[];
  /** In date order; each allocates only to invoices above. */
  payments: PaymentRecord[];
  /**
   * What is left to pay on each invoice today, in the order of `invoices`: the amount less its
   * credit notes and the payments allocated to it. "0.00" for credit notes and cancelled ones.
   */
  openAmounts: string[];
}

export interface Ledger {
  /** Counted from the accounts' numbers alone, once, before any text is made. */
  counts(): LedgerCounts;
  accounts(): Iterable<CustomerAccount>;
  customers(): Iterable<CustomerRecord>;
  invoices(): Iterable<InvoiceRecord>;
  payments(): Iterable<PaymentRecord>;
  /** Import order, per customer: the customer, its invoices, its payments. */
  ledgerLines(): Iterable<LedgerRecordLine>;
}

const PLAN_STREAM = 1;
const TEXT_STREAM = 2;

export function generateLedger(options: LedgerOptions): Ledger {
  const seed = options.seed ?? 1;
  const size = options.customers;
  const perCustomer = options.invoicesPerCustomer ?? 10;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer: ${seed}`);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`customers must be a whole number, got ${size}`);
  }
  if (!Number.isFinite(perCustomer) || perCustomer < 0) {
    throw new RangeError(`invoicesPerCustomer must be 0 or more, got ${perCustomer}`);
  }
  const today = isoToDay(options.today);
  const plan = (index: number) =>
    planAccount(new Random(seedOf(seed, index, PLAN_STREAM)), today, perCustomer);

  let counted: LedgerCounts | undefined;
  const counts = (): LedgerCounts => {
    if (!counted) {
      counted = { customers: size, invoices: 0, payments: 0 };
      for (let index = 0; index < size; index++) {
        const account = plan(index);
        counted.invoices += account.invoices.length;
        counted.payments += account.payments.length;
      }
    }
    return counted;
  };

  function* accounts(): Generator<CustomerAccount> {
    // Numbers run on across customers, per month for invoices and per year for bank statements.
    const numbering = new Numbering();
    const days = new DayFormat('iso');
    for (let index = 0; index < size; index++) {
      const account = plan(index);
      const text = new Random(seedOf(seed, index, TEXT_STREAM));
      const customer = customerRecord(text, customerId(index), account);
      yield render(account, customer, numbering, days, text);
    }
  }

  function* only<T>(pick: (account: CustomerAccount) => T[]): Generator<T> {
    for (const account of accounts()) yield* pick(account);
  }

  return {
    counts,
    accounts,
    customers: function* () {
      for (const account of accounts()) yield account.customer;
    },
    invoices: () => only((account) => account.invoices),
    payments: () => only((account) => account.payments),
    ledgerLines: function* () {
      for (const account of accounts()) {
        yield { kind: 'customer', ...account.customer };
        for (const invoice of account.invoices) yield { kind: 'invoice', ...invoice };
        for (const payment of account.payments) yield { kind: 'payment', ...payment };
      }
    },
  };
}

/** K000001, K000002 …: the customer codes an ERP gives, from 1. */
function customerId(index: number): string {
  return `K${String(index + 1).padStart(6, '0')}`;
}

function render(
  account: AccountPlan,
  customer: CustomerRecord,
  numbering: Numbering,
  days: DayFormat,
  text: Random,
): CustomerAccount {
  const invoices: InvoiceRecord[] = [];
  const openAmounts: string[] = [];
  for (const invoice of account.invoices) {
    invoice.id = numbering.invoice(invoice);
    invoices.push(invoiceRecord(invoice, customer.id, days));
    openAmounts.push(formatMinor(invoice.open));
  }
  const payments = account.payments.map((payment): PaymentRecord => {
    payment.id = numbering.payment(payment.day);
    return {
      id: payment.id,
      customerId: customer.id,
      date: days.format(payment.day),
      currency: payment.currency,
      amount: formatMinor(payment.amount),
      reference: transferTitle(text, payment),
      // Unmatched money carries an explicit empty allocation, so an import leaves it unallocated.
      allocations: payment.allocations.map((allocation) => ({
        invoiceId: allocation.invoice.id,
        amount: formatMinor(allocation.amount),
      })),
    };
  });
  return { customer, invoices, payments, openAmounts };
}

function invoiceRecord(invoice: InvoicePlan, customerId: string, days: DayFormat): InvoiceRecord {
  return {
    id: invoice.id,
    number: invoice.id,
    customerId,
    issueDate: days.format(invoice.issueDay),
    dueDate: days.format(invoice.dueDay),
    currency: invoice.currency,
    amount: formatMinor(invoice.amount),
    ...(invoice.corrects ? { corrects: invoice.corrects.id } : {}),
    ...(invoice.cancelled ? { cancelled: true } : {}),
  };
}

/**
 * Document numbers as a Polish ERP gives them: FV/2026/11/000123 for invoices and
 * KOR/2026/11/000012 for credit notes, counted per month; WB/2026/000456 for bank statement
 * entries, counted per year. Ordered by customer, then date, since the ledger is made that way.
 */
class Numbering {
  private readonly counters = new Map<string, number>();
  private readonly months = new Map<number, string>();

  invoice(invoice: InvoicePlan): string {
    const prefix = `${invoice.corrects ? 'KOR' : 'FV'}/${this.month(invoice.issueDay)}`;
    return `${prefix}/${this.next(prefix)}`;
  }

  payment(day: number): string {
    const prefix = `WB/${civil(day).year}`;
    return `${prefix}/${this.next(prefix)}`;
  }

  private next(prefix: string): string {
    const value = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, value);
    return String(value).padStart(6, '0');
  }

  /** "2026/11" for a day in November 2026; remembered, as the same few hundred days recur. */
  private month(day: number): string {
    let key = this.months.get(day);
    if (key === undefined) {
      const { year, month } = civil(day);
      key = `${year}/${month < 10 ? '0' : ''}${month}`;
      this.months.set(day, key);
    }
    return key;
  }
}
