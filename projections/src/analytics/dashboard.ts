import {
  DEFAULT_AGING_SCHEME,
  formatAmount,
  type AgingBucket,
  type TenantTransaction,
} from '@monity/core';
import { agingReport } from '../ledger/agingQuery.ts';
import { CUSTOMER_TOTALS, CUSTOMERS, OPEN_BY_DUE } from '../ledger/ledgerTables.ts';
import { ratesOn, toPlnMinor } from '../rates/exchangeRates.ts';
import { messageFigures, reminderFigures } from './collectionFigures.ts';
import { inPln, kpisOf, receivableFigures, type CurrencyFigures } from './receivableFigures.ts';

export const BASE_CURRENCY = 'PLN';
const TOP_DEBTORS = 10;

export interface DashboardOptions {
  today: string;
  periodDays: number;
  /** N of "paid within N days after a reminder". */
  paidWithinDays: number;
  /** One currency, unconverted; all of them with a PLN headline when left out. */
  currency?: string;
  buckets?: AgingBucket[];
}

/** A converter to PLN grosze at the rates of `day`, `undefined` for a currency without one. */
export async function plnConverter(tx: TenantTransaction, tenantId: string, day: string) {
  const rates = await ratesOn(tx, tenantId, day);
  return (minor: number, currency: string) => {
    if (currency === BASE_CURRENCY) return minor;
    const rate = rates.get(currency);
    return rate ? toPlnMinor(minor, currency, rate.mid) : undefined;
  };
}

/**
 * The dashboard's figures: receivables, overdue and its share, DSO and CEI per currency and as a
 * PLN headline, the aging per bucket, the largest debtors, the period's messages by channel and
 * status, and what was paid within N days after a reminder. Every part reads running totals
 * (rm_open_by_due, rm_ledger_days, rm_customer_totals, rm_message_days, rm_reminder_days,
 * rm_reminder_paid), none the invoices or messages. The customers' overdue totals must have been
 * moved to `today` first (overdueDay.ts).
 */
export async function dashboard(
  tx: TenantTransaction,
  tenantId: string,
  options: DashboardOptions,
) {
  const { today, periodDays } = options;
  const all = await receivableFigures(tx, tenantId, today, periodDays);
  const figures = options.currency ? all.filter((f) => f.currency === options.currency) : all;
  const convert = await plnConverter(tx, tenantId, today);
  const aging = await agingReport(tx, tenantId, {
    buckets: options.buckets ?? DEFAULT_AGING_SCHEME.buckets,
    asOf: today,
    today,
    ...(options.currency ? { currency: options.currency } : {}),
  });
  const headlineCurrency = options.currency ?? BASE_CURRENCY;
  const { total, missingRates } = options.currency
    ? { total: figures[0] ?? emptyFigures(), missingRates: [] }
    : inPln(figures, convert);
  return {
    asOf: today,
    baseCurrency: headlineCurrency,
    periodDays,
    headline: {
      receivables: formatAmount(total.receivables, headlineCurrency),
      overdue: formatAmount(total.overdue, headlineCurrency),
      ...kpisOf(total, periodDays),
      missingRates,
    },
    currencies: figures.map((f) => ({
      currency: f.currency,
      receivables: formatAmount(f.receivables, f.currency),
      overdue: formatAmount(f.overdue, f.currency),
      sales: formatAmount(f.sales, f.currency),
      ...kpisOf(f, periodDays),
      buckets: aging.find((a) => a.currency === f.currency)?.buckets ?? [],
    })),
    topDebtors: await topDebtors(tx, tenantId, options.currency, convert),
    messages: await messageFigures(tx, tenantId, today, periodDays),
    reminders: await reminderFigures(tx, tenantId, {
      today,
      periodDays,
      within: options.paidWithinDays,
      ...(options.currency ? { currency: options.currency } : {}),
      headCurrency: headlineCurrency,
      convert,
    }),
  };
}

const emptyFigures = (): Omit<CurrencyFigures, 'currency'> => ({
  receivables: 0,
  overdue: 0,
  sales: 0,
  opening: 0,
  closing: 0,
  writtenOff: 0,
});

/**
 * The customers owing the most overdue money: the first few of each currency by the overdue
 * index, then ranked across currencies by their PLN value (unconverted ones last).
 */
async function topDebtors(
  tx: TenantTransaction,
  tenantId: string,
  currency: string | undefined,
  convert: (minor: number, currency: string) => number | undefined,
) {
  const { rows } = await tx.query<{
    customer_id: string;
    name: string;
    currency: string;
    open_amount: string;
    overdue_amount: string;
    overdue_invoices: string;
  }>(
    `SELECT t.customer_id, c.name, t.currency, t.open_amount::text, t.overdue_amount::text,
       t.overdue_invoices::text
     FROM (SELECT DISTINCT currency FROM ${OPEN_BY_DUE}
           WHERE tenant_id = $1 AND ($2::text IS NULL OR currency = $2)) k
     CROSS JOIN LATERAL (
       SELECT * FROM ${CUSTOMER_TOTALS} ct
       WHERE ct.tenant_id = $1 AND ct.currency = k.currency AND ct.overdue_amount > 0
       ORDER BY ct.overdue_amount DESC, ct.customer_id LIMIT $3) t
     JOIN ${CUSTOMERS} c ON c.tenant_id = $1 AND c.customer_id = t.customer_id`,
    [tenantId, currency ?? null, TOP_DEBTORS],
  );
  const ranked = rows.map((row) => ({
    row,
    pln: currency
      ? Number(row.overdue_amount)
      : (convert(Number(row.overdue_amount), row.currency) ?? -1),
  }));
  ranked.sort((a, b) => b.pln - a.pln || a.row.customer_id.localeCompare(b.row.customer_id));
  return ranked.slice(0, TOP_DEBTORS).map(({ row }) => ({
    customerId: row.customer_id,
    name: row.name,
    currency: row.currency,
    open: formatAmount(Number(row.open_amount), row.currency),
    overdue: formatAmount(Number(row.overdue_amount), row.currency),
    overdueInvoices: Number(row.overdue_invoices),
  }));
}
