import type { Amount, IsoDate, Page, PageQuery } from './paging.ts';
import type { Transport } from './transport.ts';

/**
 * A collection group's criteria: conditions on an open invoice and on its customer, combined
 * with `and`, `or` and `not`. An invoice matches when the whole tree holds for it; a customer is
 * a member when at least one of their open invoices matches.
 *
 * @example
 * const criteria: CriteriaNode = {
 *   and: [
 *     { field: 'currency', op: 'in', value: ['PLN'] },
 *     { field: 'daysOverdue', op: 'between', value: { min: 30 } },
 *     { not: { field: 'category', op: 'anyOf', value: [courtCategoryId] } },
 *   ],
 * };
 */
export type CriteriaNode =
  { and: CriteriaNode[] } | { or: CriteriaNode[] } | { not: CriteriaNode } | CriteriaCondition;

export type CriteriaCondition =
  | { field: 'currency' | 'country' | 'city'; op: 'in' | 'notIn'; value: string[] }
  | { field: 'daysOverdue' | 'overdueInvoices'; op: 'between'; value: IntegerRange }
  | { field: 'dueDate' | 'issueDate'; op: 'between'; value: DateRange }
  | { field: 'amount' | 'openAmount' | 'customerOverdue'; op: 'between'; value: AmountRange }
  | { field: 'agingBucket'; op: 'in'; value: { schemeId: string; buckets: string[] } }
  | { field: 'category'; op: 'anyOf' | 'noneOf'; value: string[] }
  | { field: 'hasEmail' | 'hasPhone'; op: 'is'; value: boolean }
  | { field: 'lastPayment'; op: 'noneSince'; value: IsoDate }
  | { field: 'processStep'; op: 'reached' | 'notReached'; value: ProcessStepRef }
  | { field: 'contacted'; op: 'is'; value: boolean }
  | AttributeCondition;

/**
 * A step of a collection process (`Process.id`, `ProcessStep.id`). An invoice has reached it
 * once the process went through it for the invoice, whether or not a message could go; ids of
 * nothing match no invoice.
 */
export interface ProcessStepRef {
  processId: string;
  stepId: string;
}

export type AttributeCondition =
  | { field: 'attribute'; attributeId: string; op: 'isSet' | 'isNotSet' }
  | { field: 'attribute'; attributeId: string; op: 'equals'; value: string | number | boolean }
  | { field: 'attribute'; attributeId: string; op: 'in'; value: string[] }
  | {
      field: 'attribute';
      attributeId: string;
      op: 'between';
      value: { min?: number; max?: number };
    };

/** Whole numbers, inclusive; at least one of them. */
export interface IntegerRange {
  min?: number;
  max?: number;
}

/** Inclusive days; at least one of them. */
export interface DateRange {
  from?: IsoDate;
  to?: IsoDate;
}

/** Decimal strings in the invoice's currency, inclusive; at least one of them. */
export interface AmountRange {
  min?: Amount;
  max?: Amount;
}

export type CriteriaField = CriteriaCondition['field'];

/** A field criteria may use, with the operators it allows (`GET /api/group-fields`). */
export interface GroupField {
  field: CriteriaField | (string & {});
  ops: string[];
}

/** What a group selects: criteria, maybe one currency, and whether excluded customers count. */
export interface GroupSelection {
  criteria: CriteriaNode;
  /** Only invoices in this currency. */
  currency?: string;
  /** Customers excluded from collection are left out unless this is true. */
  includeExcluded?: boolean;
}

export interface GroupPreviewRequest extends GroupSelection {
  /** How many of the largest debtors to list, 1–50 (10 when left out). */
  limit?: number;
}

export interface CurrencyOpen {
  currency: string;
  open: Amount;
}

/** What the selection holds in one currency. */
export interface GroupPreviewCurrency extends CurrencyOpen {
  customers: number;
  invoices: number;
}

/** One of the customers a selection holds, with its matching invoices' totals. */
export interface GroupPreviewItem {
  customerId: string;
  name: string;
  taxId: string | null;
  city: string | null;
  invoices: number;
  open: CurrencyOpen[];
}

/** What a selection would hold now, with its largest debtors first. */
export interface GroupPreview {
  customers: number;
  invoices: number;
  currencies: GroupPreviewCurrency[];
  items: GroupPreviewItem[];
}

export interface Group {
  id: string;
  name: string;
  /** 1 when created, one more on each save; sent back as `expectedVersion`. */
  version: number;
  criteria: CriteriaNode;
  currency: string | null;
  includeExcluded: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewGroup extends GroupSelection {
  name: string;
}

export interface GroupChanges extends NewGroup {
  /** The version the change was made on; a 409 answers a save made on an older one. */
  expectedVersion: number;
}

/** A group as one save left it. */
export interface GroupVersion {
  version: number;
  name: string;
  criteria: CriteriaNode;
  currency: string | null;
  includeExcluded: boolean;
  changedAt: string;
  /** Who saved it, as `kind:id` (`user:…`, `api_key:…`). */
  changedBy: string;
}

/** One open invoice of a group's member that matches its criteria. */
export interface GroupMemberInvoice {
  invoiceId: string;
  number: string;
  currency: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** Negative while not yet due. */
  daysOverdue: number;
  open: Amount;
}

export interface GroupMember {
  customerId: string;
  name: string;
  taxId: string | null;
  open: CurrencyOpen[];
  invoices: GroupMemberInvoice[];
}

/** Collection groups: saved criteria that select customers and their open invoices. */
export function groupRoutes(http: Transport) {
  const path = (id: string) => `/api/groups/${encodeURIComponent(id)}`;
  return {
    /** The fields and operators criteria may use. */
    fields: () => http.request<{ fields: GroupField[] }>('GET', '/api/group-fields'),
    /** What a selection holds now, without saving it; a 400 names each refused condition. */
    preview: (body: GroupPreviewRequest) =>
      http.request<GroupPreview>('POST', '/api/groups/preview', { body }),
    list: () => http.request<{ items: Group[] }>('GET', '/api/groups'),
    create: (body: NewGroup) => http.request<Group>('POST', '/api/groups', { body }),
    get: (id: string) => http.request<Group>('GET', path(id)),
    /** Saves over the version named by `expectedVersion`; 409 when another save came first. */
    replace: (id: string, body: GroupChanges) => http.request<Group>('PUT', path(id), { body }),
    remove: (id: string) => http.request<void>('DELETE', path(id)),
    /** Every saved version. */
    versions: (id: string) =>
      http.request<{ items: GroupVersion[] }>('GET', `${path(id)}/versions`),
    /** The customers the group holds now, with their matching invoices. */
    members: (id: string, page: PageQuery = {}) =>
      http.request<Page<GroupMember>>('GET', `${path(id)}/members`, { query: { ...page } }),
    /** Where the members download as CSV (for a link; the cookie authenticates it). */
    membersCsvUrl: (id: string) => http.url(`${path(id)}/members.csv`),
  };
}
