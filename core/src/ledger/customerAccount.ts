/**
 * The state of one customer account, folded from its stream: what commands and imports decide
 * against. Only what a decision needs is kept; the read models hold the rest.
 */

interface CustomerDetails {
  sourceId: string;
  name: string;
  taxId: string | null;
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
}

export interface InvoiceState {
  invoiceId: string;
  sourceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amount: number;
  /** The sum of corrections by credit note or ERP update (negative lowers the amount). */
  corrected: number;
  /** Paid by allocations, settled in the ERP or written off. */
  settled: number;
  cancelled: boolean;
  /** Credit notes recorded against this invoice, by their source id, with their change. */
  creditNotes: Map<string, number>;
}

interface PaymentState {
  paymentId: string;
  sourceId: string;
  date: string;
  currency: string;
  amount: number;
  allocated: number;
}

export interface CustomerAccount {
  customerId: string;
  /** 0 when the stream does not exist yet. */
  version: number;
  details: CustomerDetails | null;
  emails: string[];
  phones: string[];
  categoryIds: string[];
  attributes: Map<string, string | number | boolean | null>;
  excluded: boolean;
  invoices: Map<string, InvoiceState>;
  payments: Map<string, PaymentState>;
  notes: Map<string, { authorId: string }>;
}

export function emptyAccount(customerId: string): CustomerAccount {
  return {
    customerId,
    version: 0,
    details: null,
    emails: [],
    phones: [],
    categoryIds: [],
    attributes: new Map(),
    excluded: false,
    invoices: new Map(),
    payments: new Map(),
    notes: new Map(),
  };
}

/** What is still to be paid on an invoice; 0 once cancelled. */
export function openAmount(invoice: InvoiceState): number {
  return invoice.cancelled ? 0 : invoice.amount + invoice.corrected - invoice.settled;
}

interface Allocation {
  invoiceId: string;
  amount: number;
}

type Data = Record<string, unknown>;
// Payloads were checked against their schema on the way into the store, so fields are read
// as the schema declares them without a second validation here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Validated = Record<string, any>;

/** Applies one event of the account's stream; unknown types are skipped (newer facts). */
export function evolve(account: CustomerAccount, type: string, data: Data): void {
  account.version += 1;
  const d = data as Validated;
  switch (type) {
    case 'CustomerRegistered':
      account.details = {
        sourceId: d.sourceId,
        name: d.name,
        taxId: d.taxId ?? null,
        country: d.country,
        street: d.street ?? null,
        postalCode: d.postalCode ?? null,
        city: d.city ?? null,
      };
      return;
    case 'CustomerDetailsChanged':
      if (account.details) {
        for (const key of ['name', 'taxId', 'country', 'street', 'postalCode', 'city'] as const) {
          if (key in data) (account.details as unknown as Data)[key] = data[key];
        }
      }
      return;
    case 'CustomerContactsChanged':
      account.emails = d.emails;
      account.phones = d.phones;
      return;
    case 'CustomerCategorised':
      account.categoryIds = d.categoryIds;
      return;
    case 'CustomerAttributeSet':
      account.attributes.set(d.attributeId, d.value);
      return;
    case 'CustomerExcludedFromCollection':
      account.excluded = true;
      return;
    case 'CustomerReturnedToCollection':
      account.excluded = false;
      return;
    case 'InvoiceIssued':
      account.invoices.set(d.invoiceId, {
        invoiceId: d.invoiceId,
        sourceId: d.sourceId,
        number: d.number,
        issueDate: d.issueDate,
        dueDate: d.dueDate,
        currency: d.currency,
        amount: d.amount,
        corrected: 0,
        settled: 0,
        cancelled: false,
        creditNotes: new Map(),
      });
      return;
    case 'InvoiceCorrected': {
      const invoice = account.invoices.get(d.invoiceId);
      if (!invoice) return;
      invoice.corrected += d.change;
      if (d.creditNoteId) {
        const before = invoice.creditNotes.get(d.creditNoteId) ?? 0;
        invoice.creditNotes.set(d.creditNoteId, before + d.change);
      }
      return;
    }
    case 'InvoiceDueDateChanged': {
      const invoice = account.invoices.get(d.invoiceId);
      if (invoice) invoice.dueDate = d.dueDate;
      return;
    }
    case 'InvoiceSettledInErp':
    case 'InvoiceWrittenOff': {
      const invoice = account.invoices.get(d.invoiceId);
      if (invoice) invoice.settled += d.amount;
      return;
    }
    case 'InvoiceCancelled': {
      const invoice = account.invoices.get(d.invoiceId);
      if (invoice) invoice.cancelled = true;
      return;
    }
    case 'PaymentRecorded':
      account.payments.set(d.paymentId, {
        paymentId: d.paymentId,
        sourceId: d.sourceId,
        date: d.date,
        currency: d.currency,
        amount: d.amount,
        allocated: 0,
      });
      return;
    case 'PaymentAllocated': {
      const payment = account.payments.get(d.paymentId);
      for (const { invoiceId, amount } of d.allocations as Allocation[]) {
        if (payment) payment.allocated += amount;
        const invoice = account.invoices.get(invoiceId);
        if (invoice) invoice.settled += amount;
      }
      return;
    }
    case 'NoteAdded':
      account.notes.set(d.noteId, { authorId: d.authorId });
      return;
    case 'NoteDeleted':
      account.notes.delete(d.noteId);
      return;
  }
}
