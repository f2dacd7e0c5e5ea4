import type { TenantTransaction } from '@monity/core';
import { LEDGER_DAYS, OPEN_BY_DUE } from '../ledger/ledgerTables.ts';

/** One currency's raw figures in minor units, from which every receivables KPI is derived. */
export interface CurrencyFigures {
  currency: string;
  /** Open amount of open invoices today. */
  receivables: number;
  /** Of it, due before today. */
  overdue: number;
  /** Invoiced (net of corrections) during the period. */
  sales: number;
  /** The ledger's balance at the end of the day before the period, and at its end. */
  opening: number;
  closing: number;
  /** Written off or cancelled during the period: gone, but not collected. */
  writtenOff: number;
}

/**
 * Today's receivables per currency, and what moved during the `periodDays` days up to today.
 * Reads the running totals only (a row per due date, a row per day), never the invoices, so it
 * costs the same for a thousand invoices as for a million.
 */
export async function receivableFigures(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  periodDays: number,
): Promise<CurrencyFigures[]> {
  const { rows } = await tx.query<Record<keyof CurrencyFigures, string>>(
    `WITH due AS (
       SELECT currency, sum(open_amount) AS receivables,
         coalesce(sum(open_amount) FILTER (WHERE due_date < $2::date), 0) AS overdue
       FROM ${OPEN_BY_DUE} WHERE tenant_id = $1 GROUP BY currency),
     moved AS (
       SELECT currency,
         coalesce(sum(issued + corrected - paid - written_off)
           FILTER (WHERE day <= $2::date - $3::int), 0) AS opening,
         coalesce(sum(issued + corrected - paid - written_off)
           FILTER (WHERE day <= $2::date), 0) AS closing,
         coalesce(sum(issued + corrected) FILTER (WHERE day > $2::date - $3::int
           AND day <= $2::date), 0) AS sales,
         coalesce(sum(written_off) FILTER (WHERE day > $2::date - $3::int
           AND day <= $2::date), 0) AS written_off
       FROM ${LEDGER_DAYS} WHERE tenant_id = $1 GROUP BY currency)
     SELECT currency, coalesce(due.receivables, 0)::text AS receivables,
       coalesce(due.overdue, 0)::text AS overdue, coalesce(moved.sales, 0)::text AS sales,
       coalesce(moved.opening, 0)::text AS opening, coalesce(moved.closing, 0)::text AS closing,
       coalesce(moved.written_off, 0)::text AS "writtenOff"
     FROM due FULL JOIN moved USING (currency)
     ORDER BY currency`,
    [tenantId, today, periodDays],
  );
  return rows.map((row) => ({
    currency: row.currency,
    receivables: Number(row.receivables),
    overdue: Number(row.overdue),
    sales: Number(row.sales),
    opening: Number(row.opening),
    closing: Number(row.closing),
    writtenOff: Number(row.writtenOff),
  }));
}

/** The KPIs of one currency's figures, or of their sum in PLN. Formulas: docs/analytics.md. */
export function kpisOf(figures: Omit<CurrencyFigures, 'currency'>, periodDays: number) {
  const { receivables, overdue, sales, opening, closing, writtenOff } = figures;
  const current = receivables - overdue;
  const collectable = opening + sales - current;
  const collected = opening + sales - closing - writtenOff;
  return {
    overdueShare: receivables > 0 ? round(overdue / receivables, 4) : 0,
    dso: sales > 0 ? round((receivables / sales) * periodDays, 1) : null,
    cei: collectable > 0 ? round((collected / collectable) * 100, 1) : null,
  };
}

const round = (value: number, places: number) => Number(value.toFixed(places));

/** Sums figures converted to PLN; a currency without a rate is left out and named. */
export function inPln(
  figures: CurrencyFigures[],
  convert: (minor: number, currency: string) => number | undefined,
) {
  const total = { receivables: 0, overdue: 0, sales: 0, opening: 0, closing: 0, writtenOff: 0 };
  const missingRates: string[] = [];
  for (const f of figures) {
    if (convert(0, f.currency) === undefined) {
      missingRates.push(f.currency);
      continue;
    }
    for (const key of Object.keys(total) as (keyof typeof total)[]) {
      total[key] += convert(f[key], f.currency)!;
    }
  }
  return { total, missingRates };
}
