import type { AgingBucketTotal } from './aging.ts';
import type { Amount, IsoDate } from './paging.ts';
import type { Transport } from './transport.ts';

/** The figures of receivables management, in one currency. */
export interface DashboardFigures {
  /** Everything open. */
  receivables: Amount;
  /** What of it is past its due date. */
  overdue: Amount;
  /** `overdue / receivables`, 0..1. */
  overdueShare: number;
  /** Days sales outstanding over the period; null without sales in it. */
  dso: number | null;
  /** Collection effectiveness index over the period, in percent; null without anything due. */
  cei: number | null;
}

export interface DashboardCurrency extends DashboardFigures {
  currency: string;
  /** Invoiced in the period. */
  sales: Amount;
  /** Open amounts by days after due, in the scheme asked for (the default one otherwise). */
  buckets: AgingBucketTotal[];
}

export interface TopDebtor {
  customerId: string;
  name: string;
  currency: string;
  open: Amount;
  overdue: Amount;
  overdueInvoices: number;
}

export interface Dashboard {
  asOf: IsoDate;
  /** The currency of the headline when all currencies are converted. */
  baseCurrency: 'PLN' | (string & {});
  periodDays: number;
  headline: DashboardFigures & {
    /** Currencies without an NBP rate, left out of the converted headline. */
    missingRates: string[];
  };
  currencies: DashboardCurrency[];
  topDebtors: TopDebtor[];
}

export interface DashboardQuery {
  /** One currency, unconverted; all of them converted to PLN when left out. */
  currency?: string;
  /** Days the DSO and CEI look back over, 7–366 (90 when left out). */
  period?: number;
  /** The aging scheme of `buckets`; the default scheme when left out. */
  schemeId?: string;
}

/** One day of the daily snapshots, in PLN. */
export interface TrendPoint {
  day: IsoDate;
  receivables: Amount;
  overdue: Amount;
}

/** The receivables dashboard: where collection stands, and how it got there. */
export function dashboardRoutes(http: Transport) {
  return {
    get: (query: DashboardQuery = {}) =>
      http.request<Dashboard>('GET', '/api/dashboard', { query: { ...query } }),
    /** Empty until the first daily snapshot. */
    trend: (query: { months?: number } = {}) =>
      http.request<{ items: TrendPoint[] }>('GET', '/api/dashboard/trend', {
        query: { ...query },
      }),
  };
}
