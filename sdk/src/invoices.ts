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

/** `GET /api/invoices/…`. */
export function invoiceRoutes(http: Transport) {
  return {
    list: (filter: InvoiceFilter & PageQuery = {}) =>
      http.request<Page<InvoiceListItem>>('GET', '/api/invoices', { query: { ...filter } }),
    get: (id: string) =>
      http.request<InvoiceDetails>('GET', `/api/invoices/${encodeURIComponent(id)}`),
  };
}
