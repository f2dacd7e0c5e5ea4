import type { AgingBucketTotal } from './aging.ts';
import type { Medium } from './channels.ts';
import type { MessageStatus } from './messages.ts';
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

/** Messages of one medium and channel, by the status each is in now. */
export interface DashboardChannelMessages {
  medium: Medium;
  /** The channel plugin: `smtp`, `mailgun`, `plivo`, `smsapi`, `sandbox`, ... */
  channel: string;
  total: number;
  /** Only statuses with messages appear. */
  statuses: Partial<Record<MessageStatus, number>>;
}

/** The messages queued during the period (channel tests left out), by their current status. */
export interface DashboardMessages {
  total: number;
  statuses: Partial<Record<MessageStatus, number>>;
  channels: DashboardChannelMessages[];
}

/** Reminders sent during the period and what was paid within N days of each. */
export interface ReminderFigures {
  reminders: number;
  /** Of them, sent N days ago or less: their `paid` may still grow. */
  windowOpen: number;
  /** The open amount of their invoices when each was sent. */
  reminded: Amount;
  /** What of it was paid within N days after the reminder. */
  paid: Amount;
  /** `paid / reminded`, 0..1; null when nothing was reminded. */
  paidShare: number | null;
}

export interface DashboardReminders {
  /** N, as asked (14 when left out). */
  paidWithinDays: number;
  /** In the dashboard's base currency; currencies without a rate are named and left out. */
  headline: ReminderFigures & { missingRates: string[] };
  currencies: (ReminderFigures & { currency: string })[];
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
  messages: DashboardMessages;
  reminders: DashboardReminders;
}

export interface DashboardQuery {
  /** One currency, unconverted; all of them converted to PLN when left out. */
  currency?: string;
  /** Days the DSO, CEI, messages and reminders look back over, 7–366 (90 when left out). */
  period?: number;
  /** N of "paid within N days after a reminder", 1–90 (14 when left out). */
  paidWithin?: number;
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
