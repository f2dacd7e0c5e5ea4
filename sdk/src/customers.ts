import type { Amount, IsoDate, Page, PageQuery } from './paging.ts';
import type { Transport } from './transport.ts';

/** What one customer owes in one currency, as the customer list shows it. */
export interface CustomerBalance {
  currency: string;
  open: Amount;
  overdue: Amount;
}

/** A customer as `GET /api/customers` lists it. */
export interface CustomerListItem {
  id: string;
  /** The customer's id in the ERP. */
  sourceId: string;
  name: string;
  taxId: string | null;
  country: string | null;
  city: string | null;
  emails: string[];
  phones: string[];
  categoryIds: string[];
  excluded: boolean;
  lastPaymentDate: IsoDate | null;
  balances: CustomerBalance[];
}

/** A customer's balance in one currency, in full. */
export interface CustomerAccountBalance extends CustomerBalance {
  openInvoices: number;
  overdueInvoices: number;
  /** Payments not allocated to any invoice. */
  credit: Amount;
}

/** A note on a customer, or on one of its invoices when `invoiceId` is set. */
export interface Note {
  id: string;
  invoiceId: string | null;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
}

/** A customer as `GET /api/customers/:id` answers it. */
export interface CustomerDetails extends Omit<CustomerListItem, 'balances'> {
  street: string | null;
  postalCode: string | null;
  /** Why the customer is out of collection, when it is and a reason was given. */
  exclusionReason: string | null;
  /** Attribute values by attribute id. */
  attributes: Record<string, string | number | boolean | null>;
  balances: CustomerAccountBalance[];
  /** Newest first. */
  notes: Note[];
}

export type CustomerSort = 'name' | '-overdue' | '-open' | 'sourceId';

/** The customers a list (or a bulk change) selects. */
export interface CustomerFilter {
  /** Name, tax id, source id or an invoice number. */
  q?: string;
  categoryId?: string;
  excluded?: boolean;
  country?: string;
  city?: string;
  currency?: string;
  /** Only customers with something overdue. */
  overdue?: boolean;
  sort?: CustomerSort;
}

/** One event of a customer account, as the timeline shows it. */
export interface TimelineEvent {
  id: string;
  /** The event type, such as `InvoiceIssued`. */
  type: string;
  occurredAt: string;
  actor: { kind: string; id: string | null };
  data: Record<string, unknown>;
}

/** An invoice a timeline page's events name by id only. */
export interface TimelineInvoice {
  number: string;
  currency: string;
}

/** A page of the timeline, with the invoices its events name, by id. */
export interface TimelinePage extends Page<TimelineEvent> {
  invoices: Record<string, TimelineInvoice>;
}

/**
 * What a person may change of a customer by hand, each field checked as an import's are; fields
 * left out stay, and `emails` and `phones` replace the whole list. An empty text clears the field.
 */
export interface CustomerChanges {
  name?: string;
  /** NIP for Polish customers (checksum checked), another tax id otherwise. */
  taxId?: string;
  /** ISO 3166 code such as `PL`. */
  country?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  emails?: string[];
  /** Any common notation; stored in E.164 (`+48601234567`). */
  phones?: string[];
}

export interface BulkCategoryChange {
  filter: CustomerFilter;
  add?: string[];
  remove?: string[];
}

/** `GET /api/customers/…`: the customer accounts of the ledger. */
export function customerRoutes(http: Transport) {
  const path = (id: string) => `/api/customers/${encodeURIComponent(id)}`;
  return {
    list: (filter: CustomerFilter & PageQuery = {}) =>
      http.request<Page<CustomerListItem>>('GET', '/api/customers', { query: { ...filter } }),
    get: (id: string) => http.request<CustomerDetails>('GET', path(id)),
    /** Changes details by hand; `changed` is false when they already were so. */
    change: (id: string, changes: CustomerChanges) =>
      http.request<{ changed: boolean }>('PATCH', path(id), { body: changes }),
    timeline: (id: string, page: PageQuery = {}) =>
      http.request<TimelinePage>('GET', `${path(id)}/timeline`, { query: { ...page } }),
    /** Replaces the customer's whole set of categories. */
    setCategories: (id: string, categoryIds: string[]) =>
      http.request<void>('PUT', `${path(id)}/categories`, { body: { categoryIds } }),
    /** The value as text; the server reads it by the attribute's type. */
    setAttribute: (id: string, attributeId: string, value: string) =>
      http.request<void>('PUT', `${path(id)}/attributes/${encodeURIComponent(attributeId)}`, {
        body: { value },
      }),
    /** Out of collection (no reminders) with a reason, or back into it. */
    setExclusion: (id: string, body: { excluded: boolean; reason?: string }) =>
      http.request<void>('POST', `${path(id)}/exclusion`, { body }),
    /** Adds and removes categories on every customer the filter selects. */
    changeCategories: (change: BulkCategoryChange) =>
      http.request<{ customers: number }>('POST', '/api/customers/categories', { body: change }),
  };
}

/** Notes on customers and invoices; only their author may edit or delete them (403). */
export function noteRoutes(http: Transport) {
  const path = (id: string) => `/api/notes/${encodeURIComponent(id)}`;
  return {
    add: (customerId: string, body: { text: string; invoiceId?: string }) =>
      http.request<Note>('POST', `/api/customers/${encodeURIComponent(customerId)}/notes`, {
        body,
      }),
    edit: (id: string, text: string) => http.request<Note>('PATCH', path(id), { body: { text } }),
    remove: (id: string) => http.request<void>('DELETE', path(id)),
  };
}
