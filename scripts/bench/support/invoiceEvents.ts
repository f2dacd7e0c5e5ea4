import type { NewEvent } from '@monity/core';
import { v7 as uuidv7 } from 'uuid';
import { randomCompanies, type Company } from './companies.ts';
import type { Currency, InvoiceIssued } from './invoiceIssued.ts';
import { Random } from './random.ts';

export interface InvoiceEventsOptions {
  /** Invoices in the whole data set; customers are a tenth of them (1M invoices, 100k). */
  total: number;
  seed?: number;
}

const MONTHS = 24;
const FIRST_MONTH = Date.UTC(2024, 11, 1);
const DAY_MS = 86_400_000;
const PAYMENT_TERMS = [7, 14, 14, 21, 30, 30, 30, 45, 60, 90];
const EUR_PLN = 4.3;
const USD_PLN = 3.9;

/**
 * InvoiceIssued events of one creditor (one tenant) importing two years of its ledger, in
 * chronological order, numbered per month. The data is the same for the same seed; event
 * and correlation ids are fresh UUIDv7s, as an import would make them.
 */
export class InvoiceEvents {
  readonly tenantId: string;
  private readonly random: Random;
  private readonly customers: Company[];
  private issued = 0;

  constructor(private readonly options: InvoiceEventsOptions) {
    this.random = new Random(options.seed ?? 20_261_130);
    this.tenantId = this.random.uuid();
    this.customers = randomCompanies(this.random, Math.max(1, Math.ceil(options.total / 10)));
  }

  /** The next `count` events, all caused by one import batch (one correlation id). */
  next(count: number): NewEvent<InvoiceIssued>[] {
    const correlationId = uuidv7();
    return Array.from({ length: count }, () => this.event(this.issued++, correlationId));
  }

  private event(index: number, correlationId: string): NewEvent<InvoiceIssued> {
    const data = this.invoice(index);
    const hour = String(this.random.int(7, 17)).padStart(2, '0');
    return {
      id: uuidv7(),
      type: 'InvoiceIssued',
      data,
      metadata: {
        tenantId: this.tenantId,
        actor: { kind: 'system', id: 'bench' },
        correlationId,
        causationId: null,
        occurredAt: `${data.issueDate}T${hour}:00:00.000Z`,
      },
    };
  }

  private invoice(index: number): InvoiceIssued {
    const perMonth = Math.ceil(this.options.total / MONTHS);
    const month = new Date(FIRST_MONTH);
    month.setUTCMonth(month.getUTCMonth() + Math.floor(index / perMonth));
    const issued = month.getTime() + this.random.int(0, 27) * DAY_MS;
    const due = issued + this.random.pick(PAYMENT_TERMS) * DAY_MS;
    const { code, taxId, name, city } = this.random.pick(this.customers);

    return {
      invoiceNumber: `FV/${(index % perMonth) + 1}/${monthNumber(month)}/${month.getUTCFullYear()}`,
      customer: { code, taxId, name, city },
      issueDate: isoDate(issued),
      dueDate: isoDate(due),
      ...this.amounts(),
    };
  }

  /** About 60 % PLN with Polish VAT; EUR and USD invoices are exports, without VAT. */
  private amounts(): Pick<InvoiceIssued, 'currency' | 'netAmount' | 'vatAmount' | 'grossAmount'> {
    const roll = this.random.next();
    const currency: Currency = roll < 0.6 ? 'PLN' : roll < 0.85 ? 'EUR' : 'USD';
    const plnGrosze = Math.exp(this.random.normal(Math.log(250_000), 1.2));
    const rate = currency === 'PLN' ? 1 : currency === 'EUR' ? EUR_PLN : USD_PLN;
    const netAmount = Math.max(100, Math.round(plnGrosze / rate));
    const vatRate = currency === 'PLN' ? this.random.pick([0.23, 0.23, 0.23, 0.23, 0.08, 0.05]) : 0;
    const vatAmount = Math.round(netAmount * vatRate);
    return { currency, netAmount, vatAmount, grossAmount: netAmount + vatAmount };
  }
}

const isoDates = new Map<number, string>();

/** Cached: a data set spans a few hundred days, and formatting dates is the generator's cost. */
function isoDate(ms: number): string {
  let text = isoDates.get(ms);
  if (text === undefined) isoDates.set(ms, (text = new Date(ms).toISOString().slice(0, 10)));
  return text;
}

function monthNumber(month: Date): string {
  return String(month.getUTCMonth() + 1).padStart(2, '0');
}
