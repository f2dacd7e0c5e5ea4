import { formatAmount } from '@monity/core';

export interface BalanceRow {
  currency: string;
  open: string;
  overdue: string;
  open_invoices: string;
  overdue_invoices: string;
}

/**
 * SQL of a customer's open and overdue amounts per currency, as a JSON array, for the row
 * alias `c`; `$today` is the parameter placeholder holding the tenant's today.
 */
export function balancesJson(today: string, invoices: string): string {
  return `(SELECT coalesce(json_agg(b ORDER BY b.currency), '[]') FROM (
      SELECT i.currency, sum(i.open_amount)::text AS open,
        coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < ${today}), 0)::text AS overdue,
        count(*)::text AS open_invoices,
        count(*) FILTER (WHERE i.due_date < ${today})::text AS overdue_invoices
      FROM ${invoices} i
      WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.customer_id AND i.open_amount <> 0
      GROUP BY i.currency) b)`;
}

export function toBalance(row: BalanceRow, detailed = false) {
  const base = {
    currency: row.currency,
    open: formatAmount(Number(row.open), row.currency),
    overdue: formatAmount(Number(row.overdue), row.currency),
  };
  return detailed
    ? {
        ...base,
        openInvoices: Number(row.open_invoices),
        overdueInvoices: Number(row.overdue_invoices),
      }
    : base;
}
