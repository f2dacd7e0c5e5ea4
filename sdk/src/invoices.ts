import type { Note } from './customers.ts';
import type { Amount, IsoDate, Page, PageQuery } from './paging.ts';
import type { Transport } from './transport.ts';

export type InvoiceStatus = 'open' | 'overdue' | 'paid' | 'cancelled';
export type InvoiceSort = 'dueDate' | '-dueDate' | '-open' | 'number' | '-issueDate';

/** An invoice as `GET /api/invoices` lists it. */
export interface InvoiceListItem {
  id: string;
  sourceId: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  amount: Amount;
  open: Amount;
  status: InvoiceStatus;
  /** Days past the due date today; negative: due in that many days. */
  daysOverdue: number;
}

/** A credit note or other change to the invoice's amount. */
export interface InvoiceCorrection {
  date: IsoDate;
  /** Signed: a credit note is negative. */
  change: Amount;
  /** The credit note's number, when it has one. */
  creditNote: string | null;
}

/**
 * What took an amount off the invoice: a payment allocated to it (`paid`, with its
 * `paymentId`), a settlement the ERP reported, a write-off or the cancellation.
 */
export interface InvoiceAllocation {
  date: IsoDate;
  kind: 'paid' | 'settled_in_erp' | 'written_off' | 'cancelled' | (string & {});
  amount: Amount;
  paymentId: string | null;
}

/** An invoice as `GET /api/invoices/:id` answers it. */
export interface InvoiceDetails extends InvoiceListItem {
  /** The amount as issued; `amount` includes the corrections. */
  originalAmount: Amount;
  corrections: InvoiceCorrection[];
  allocations: InvoiceAllocation[];
  notes: Note[];
}

export interface InvoiceFilter {
  customerId?: string;
  /** Invoice number or customer. */
  q?: string;
  status?: InvoiceStatus;
  currency?: string;
  dueFrom?: IsoDate;
  dueTo?: IsoDate;
  sort?: InvoiceSort;
}

/** What `writeOff` leaves open on the invoice. */
export interface WriteOffResult {
  open: Amount;
  currency: string;
}

/**
 * `GET /api/invoices/…`, and the changes to one of a customer's invoices: a write-off, the
 * cancellation and a new due date (each needs `ledger.write`).
 */
export function invoiceRoutes(http: Transport) {
  const path = (customerId: string, invoiceId: string) =>
    `/api/customers/${encodeURIComponent(customerId)}/invoices/${encodeURIComponent(invoiceId)}`;
  return {
    list: (filter: InvoiceFilter & PageQuery = {}) =>
      http.request<Page<InvoiceListItem>>('GET', '/api/invoices', { query: { ...filter } }),
    get: (id: string) =>
      http.request<InvoiceDetails>('GET', `/api/invoices/${encodeURIComponent(id)}`),
    /** Writes off `amount`, or all that is open when it is left out. */
    writeOff: (customerId: string, invoiceId: string, body: { amount?: Amount; reason?: string }) =>
      http.request<WriteOffResult>('POST', `${path(customerId, invoiceId)}/write-off`, { body }),
    /** For an invoice issued by mistake: nothing is owed on it any more. */
    cancel: (customerId: string, invoiceId: string, body: { reason?: string } = {}) =>
      http.request<{ cancelled: true }>('POST', `${path(customerId, invoiceId)}/cancellation`, {
        body,
      }),
    /** 400 with pointer `/body/dueDate` when the date is before the issue date. */
    changeDueDate: (customerId: string, invoiceId: string, dueDate: IsoDate) =>
      http.request<{ dueDate: IsoDate }>('PUT', `${path(customerId, invoiceId)}/due-date`, {
        body: { dueDate },
      }),
  };
}
