import type { Amount, IsoDate } from './paging.ts';
import type { Transport } from './transport.ts';

/** The scheme every company has; it is always listed and cannot be changed or removed. */
export const DEFAULT_AGING_SCHEME_ID = '00000000-0000-4000-8000-000000000001';

/**
 * A range of days after the due date: `from` and `to` inclusive, `null` open-ended, negative
 * days not yet due.
 */
export interface AgingBucket {
  label: string;
  from: number | null;
  to: number | null;
}

export interface AgingScheme {
  id: string;
  name: string;
  buckets: AgingBucket[];
  /** The default scheme, which cannot be changed or removed. */
  builtIn?: boolean;
}

export type NewAgingScheme = Pick<AgingScheme, 'name' | 'buckets'>;

export interface AgingBucketTotal extends AgingBucket {
  count: number;
  open: Amount;
}

export interface AgingCurrency {
  currency: string;
  count: number;
  open: Amount;
  buckets: AgingBucketTotal[];
}

export interface AgingReport {
  schemeId: string;
  asOf: IsoDate;
  currencies: AgingCurrency[];
}

export interface AgingQuery {
  schemeId?: string;
  currency?: string;
  /** What was open on that day; today when left out. */
  asOf?: IsoDate;
}

/** Aging of receivables: open amounts by how long past due, and the schemes that bucket them. */
export function agingRoutes(http: Transport) {
  const scheme = (id: string) => `/api/aging-schemes/${encodeURIComponent(id)}`;
  return {
    report: (query: AgingQuery = {}) =>
      http.request<AgingReport>('GET', '/api/aging', { query: { ...query } }),
    schemes: {
      list: () => http.request<{ items: AgingScheme[] }>('GET', '/api/aging-schemes'),
      create: (body: NewAgingScheme) =>
        http.request<AgingScheme>('POST', '/api/aging-schemes', { body }),
      replace: (id: string, body: NewAgingScheme) =>
        http.request<AgingScheme>('PUT', scheme(id), { body }),
      remove: (id: string) => http.request<void>('DELETE', scheme(id)),
    },
  };
}
