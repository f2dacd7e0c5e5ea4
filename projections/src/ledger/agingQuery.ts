import type { AgingBucket, TenantTransaction } from '@monity/core';
import { formatAmount } from '@monity/core';
import { QueryParts } from './keyset.ts';
import { ENTRIES, INVOICES, OPEN_BY_DUE } from './ledgerTables.ts';

/**
 * Open amounts per bucket and currency. Days overdue are `asOf - due date`, computed here from
 * the due date and never stored. For today the running totals per due date are summed; for a
 * past day each invoice's amount and its dated changes up to that day, so an invoice counts
 * only if issued by then, and only with what was not yet paid, corrected, settled or written
 * off by then. (The due date is today's: a due date changed later is read as
 * if it had always been so.)
 */
export async function agingReport(tx: TenantTransaction, tenantId: string, options: AgingOptions) {
  const totals = await agingTotals(tx, tenantId, options);
  return [...totals].map(([code, entry]) => ({
    currency: code,
    count: entry.count,
    open: formatAmount(entry.open, code),
    buckets: options.buckets.map((b, i) => ({
      ...b,
      count: entry.buckets[i]!.count,
      open: formatAmount(entry.buckets[i]!.open, code),
    })),
  }));
}

interface AgingOptions {
  buckets: AgingBucket[];
  asOf: string;
  today: string;
  currency?: string;
}

/** The same figures in minor units, by currency. */
export async function agingTotals(tx: TenantTransaction, tenantId: string, options: AgingOptions) {
  const parts = new QueryParts();
  const asOf = parts.param(options.asOf);
  const tenant = parts.param(tenantId);
  const days = `(${asOf}::date - i.due_date)`;
  const bucket = `CASE ${options.buckets
    .map((b, index) => {
      const from = b.from === null ? 'true' : `${days} >= ${parts.param(b.from)}`;
      const to = b.to === null ? 'true' : `${days} <= ${parts.param(b.to)}`;
      return `WHEN ${from} AND ${to} THEN ${index}`;
    })
    .join(' ')} END`;
  const currency = options.currency ? ` AND i.currency = ${parts.param(options.currency)}` : '';
  const open =
    options.asOf >= options.today
      ? `SELECT i.currency, i.due_date, i.invoices AS n, i.open_amount AS open
         FROM ${OPEN_BY_DUE} i WHERE i.tenant_id = ${tenant} AND i.invoices > 0${currency}`
      : `SELECT i.currency, i.due_date, 1 AS n, i.amount + coalesce(c.change, 0) AS open
         FROM ${INVOICES} i
         LEFT JOIN (SELECT e.invoice_id, sum(e.change) AS change FROM ${ENTRIES} e
           WHERE e.tenant_id = ${tenant} AND e.entry_date <= ${asOf}
           GROUP BY e.invoice_id) c ON c.invoice_id = i.invoice_id
         WHERE i.tenant_id = ${tenant} AND i.issue_date <= ${asOf}${currency}
           AND i.amount + coalesce(c.change, 0) > 0`;
  const { rows } = await tx.query<{
    currency: string;
    bucket: number | null;
    count: string;
    open: string;
  }>(
    `SELECT i.currency, ${bucket} AS bucket, sum(i.n)::text AS count, sum(i.open)::text AS open
     FROM (${open}) i GROUP BY 1, 2 ORDER BY 1, 2`,
    parts.values,
  );
  const currencies = new Map<
    string,
    { count: number; open: number; buckets: { count: number; open: number }[] }
  >();
  for (const row of rows) {
    let entry = currencies.get(row.currency);
    if (!entry) {
      entry = { count: 0, open: 0, buckets: options.buckets.map(() => ({ count: 0, open: 0 })) };
      currencies.set(row.currency, entry);
    }
    entry.count += Number(row.count);
    entry.open += Number(row.open);
    if (row.bucket === null) continue;
    entry.buckets[row.bucket]!.count += Number(row.count);
    entry.buckets[row.bucket]!.open += Number(row.open);
  }
  return currencies;
}
