import type { CustomerFacts, OpenInvoiceFacts } from './ledgerFacts.ts';

/** No invoice: the end of a customer's chain, or a slot that is free. */
const NONE = -1;

/**
 * Bytes one invoice slot takes: customer, due and issue day, next slot of the same customer
 * (4 bytes each), amount and open amount (8 each), currency (1).
 */
const BYTES_PER_INVOICE = 4 * 4 + 8 * 2 + 1;

/**
 * A tenant's open invoices in columns of typed arrays, one slot per invoice, and its customers
 * beside them. Invoices are kept per customer as a chain through `nextOfCustomer`: a change of
 * the ledger replaces all open invoices of the customers it touched, so no invoice needs an
 * id here. Freed slots are reused; a scan skips them (their customer is `NONE`).
 */
export class TenantColumns {
  customer: Int32Array;
  currency: Uint8Array;
  due: Int32Array;
  issue: Int32Array;
  amount: Float64Array;
  open: Float64Array;
  private nextOfCustomer: Int32Array;
  /** Slots in use or freed: a scan reads `0 … size - 1`. */
  size = 0;
  /** Open invoices held. */
  invoices = 0;
  private readonly free: number[] = [];

  readonly customers: CustomerFacts[] = [];
  /** The facts a collector's group tests most, per customer number, for tight loops. */
  excluded = new Uint8Array(1024);
  hasEmail = new Uint8Array(1024);
  hasPhone = new Uint8Array(1024);
  lastPayment = new Int32Array(1024);
  private readonly firstOfCustomer: number[] = [];
  private readonly indexOfCustomer = new Map<string, number>();
  /** Currency codes by their number in `currency`. */
  readonly currencyCodes: string[] = [];
  private readonly currencyNumbers = new Map<string, number>();
  /** Raised by every change, so what is derived from the columns knows to derive again. */
  version = 0;

  constructor(capacity: number) {
    const slots = Math.max(16, capacity);
    this.customer = new Int32Array(slots).fill(NONE);
    this.currency = new Uint8Array(slots);
    this.due = new Int32Array(slots);
    this.issue = new Int32Array(slots);
    this.amount = new Float64Array(slots);
    this.open = new Float64Array(slots);
    this.nextOfCustomer = new Int32Array(slots).fill(NONE);
  }

  get capacity(): number {
    return this.customer.length;
  }

  customerNumber(id: string): number | undefined {
    return this.indexOfCustomer.get(id);
  }

  currencyNumber(code: string): number | undefined {
    return this.currencyNumbers.get(code);
  }

  /** Stores a customer's facts and its open invoices, in place of what it had. */
  setCustomer(facts: CustomerFacts, invoices: OpenInvoiceFacts[]): void {
    let c = this.indexOfCustomer.get(facts.id);
    if (c === undefined) {
      c = this.customers.length;
      this.customers.push(facts);
      this.firstOfCustomer.push(NONE);
      this.indexOfCustomer.set(facts.id, c);
    } else {
      this.customers[c] = facts;
      this.clearInvoices(c);
    }
    if (c >= this.excluded.length) this.growCustomers();
    this.excluded[c] = facts.excluded ? 1 : 0;
    this.hasEmail[c] = facts.hasEmail ? 1 : 0;
    this.hasPhone[c] = facts.hasPhone ? 1 : 0;
    this.lastPayment[c] = facts.lastPayment;
    for (const invoice of invoices) this.addInvoice(c, invoice);
    this.version += 1;
  }

  /** Calls `visit` with every open invoice slot of customer `c`. */
  forEachInvoiceOf(c: number, visit: (slot: number) => void): void {
    for (let slot = this.firstOfCustomer[c]!; slot !== NONE; slot = this.nextOfCustomer[slot]!) {
      visit(slot);
    }
  }

  bytes(): number {
    return this.capacity * BYTES_PER_INVOICE;
  }

  private clearInvoices(c: number): void {
    let slot = this.firstOfCustomer[c]!;
    while (slot !== NONE) {
      const next = this.nextOfCustomer[slot]!;
      this.customer[slot] = NONE;
      this.nextOfCustomer[slot] = NONE;
      this.free.push(slot);
      this.invoices -= 1;
      slot = next;
    }
    this.firstOfCustomer[c] = NONE;
  }

  private addInvoice(c: number, invoice: OpenInvoiceFacts): void {
    const slot = this.free.pop() ?? this.size++;
    if (slot >= this.capacity) this.grow();
    this.customer[slot] = c;
    this.currency[slot] = this.numberOfCurrency(invoice.currency);
    this.due[slot] = invoice.due;
    this.issue[slot] = invoice.issue;
    this.amount[slot] = invoice.amount;
    this.open[slot] = invoice.open;
    this.nextOfCustomer[slot] = this.firstOfCustomer[c]!;
    this.firstOfCustomer[c] = slot;
    this.invoices += 1;
  }

  private numberOfCurrency(code: string): number {
    let number = this.currencyNumbers.get(code);
    if (number === undefined) {
      // A byte per invoice: ISO 4217 lists fewer than 200 active codes.
      if (this.currencyCodes.length === 255) throw new Error('More than 255 currencies');
      number = this.currencyCodes.length;
      this.currencyCodes.push(code);
      this.currencyNumbers.set(code, number);
    }
    return number;
  }

  private growCustomers(): void {
    const wider = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T) => {
      const array = make(old.length * 2);
      array.set(old);
      return array;
    };
    this.excluded = wider(this.excluded, (n) => new Uint8Array(n));
    this.hasEmail = wider(this.hasEmail, (n) => new Uint8Array(n));
    this.hasPhone = wider(this.hasPhone, (n) => new Uint8Array(n));
    this.lastPayment = wider(this.lastPayment, (n) => new Int32Array(n));
  }

  /** A quarter more room: the load sizes the columns from a count, so growth is for changes. */
  private grow(): void {
    const slots = Math.ceil(this.capacity * 1.25);
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const wider = make(slots);
      wider.set(old);
      return wider;
    };
    this.customer = widen(this.customer, (n) => new Int32Array(n).fill(NONE));
    this.currency = widen(this.currency, (n) => new Uint8Array(n));
    this.due = widen(this.due, (n) => new Int32Array(n));
    this.issue = widen(this.issue, (n) => new Int32Array(n));
    this.amount = widen(this.amount, (n) => new Float64Array(n));
    this.open = widen(this.open, (n) => new Float64Array(n));
    this.nextOfCustomer = widen(this.nextOfCustomer, (n) => new Int32Array(n).fill(NONE));
  }
}
