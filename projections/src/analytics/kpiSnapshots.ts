import type { AgingBucket, TenantDatabase, TenantTransaction } from '@monity/core';
import { agingTotals } from '../ledger/agingQuery.ts';
import { plnConverter } from './dashboard.ts';

const DAY = 86_400_000;
const OVERDUE_SPLIT: AgingBucket[] = [
  { label: 'current', from: null, to: 0 },
  { label: 'overdue', from: 1, to: null },
];

export const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The headline of one day: receivables and overdue in PLN at that day's rates, and each
 * currency unconverted. A past day is read from the invoices' history (what was issued and
 * not yet paid by then), today from the running totals.
 */
async function figuresOf(tx: TenantTransaction, tenantId: string, day: string, today: string) {
  const totals = await agingTotals(tx, tenantId, { buckets: OVERDUE_SPLIT, asOf: day, today });
  const convert = await plnConverter(tx, tenantId, day);
  const currencies = [...totals].map(([currency, t]) => ({
    currency,
    receivables: t.open,
    overdue: t.buckets[1]!.open,
  }));
  let receivables = 0;
  let overdue = 0;
  const missingRates: string[] = [];
  for (const c of currencies) {
    const pln = convert(c.receivables, c.currency);
    if (pln === undefined) {
      missingRates.push(c.currency);
      continue;
    }
    receivables += pln;
    overdue += convert(c.overdue, c.currency)!;
  }
  return { receivables, overdue, currencies, missingRates };
}

async function storeSnapshot(tx: TenantTransaction, tenantId: string, day: string, today: string) {
  const f = await figuresOf(tx, tenantId, day, today);
  await tx.query(
    `INSERT INTO kpi_snapshots (tenant_id, day, receivables, overdue, currencies, missing_rates,
       computed_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (tenant_id, day) DO UPDATE SET receivables = excluded.receivables,
       overdue = excluded.overdue, currencies = excluded.currencies,
       missing_rates = excluded.missing_rates, computed_at = excluded.computed_at`,
    [tenantId, day, f.receivables, f.overdue, JSON.stringify(f.currencies), f.missingRates],
  );
}

export interface SnapshotProgress {
  tenantId: string;
  done: number;
  total: number;
}

/**
 * Stores today's headline of a tenant, and every missing day of the `backfillDays` before it,
 * computed from the ledger's history: the first run draws a year of trend at once, later runs
 * add the day. One transaction a day, so an interrupted backfill keeps what it did.
 */
export async function snapshotTenant(
  tenantDb: TenantDatabase,
  tenantId: string,
  today: string,
  options: { backfillDays: number; onProgress?: (progress: SnapshotProgress) => void },
): Promise<number> {
  const scope = { tenantId };
  const missing = await tenantDb.transaction(scope, async (tx) => {
    const { rows } = await tx.query<{ day: string }>(
      `SELECT d::date::text AS day
       FROM generate_series($2::date - $3::int, $2::date - 1, interval '1 day') d
       WHERE NOT EXISTS (SELECT 1 FROM kpi_snapshots s
         WHERE s.tenant_id = $1 AND s.day = d::date)
       ORDER BY d DESC`,
      [tenantId, today, options.backfillDays],
    );
    return rows.map((r) => r.day);
  });
  const days = [today, ...missing];
  for (const [index, day] of days.entries()) {
    await tenantDb.transaction(scope, (tx) => storeSnapshot(tx, tenantId, day, today));
    options.onProgress?.({ tenantId, done: index + 1, total: days.length });
  }
  return days.length;
}

/** The stored headline per day, oldest first, in PLN grosze. */
export async function snapshotTrend(tx: TenantTransaction, from: string, to: string) {
  const { rows } = await tx.query<{
    day: string;
    receivables: string;
    overdue: string;
    missing_rates: string[];
  }>(
    `SELECT day::text, receivables::text, overdue::text, missing_rates FROM kpi_snapshots
     WHERE day >= $1 AND day <= $2 ORDER BY day`,
    [from, to],
  );
  return rows;
}
