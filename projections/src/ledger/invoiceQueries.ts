import type { TenantTransaction } from '@monity/core';
import { formatAmount, NotFoundError } from '@monity/core';
import { notesOf } from './customerQueries.ts';
import { containing, pageBy, pageOf, QueryParts, type SortSpec } from './keyset.ts';
import { CUSTOMERS, ENTRIES, INVOICES } from './ledgerTables.ts';

export const INVOICE_STATUSES = ['open', 'overdue', 'paid', 'cancelled'] as const;
export const INVOICE_SORTS = ['dueDate', '-dueDate', '-open', 'number', '-issueDate'] as const;

export interface InvoiceFilter {
  customerId?: string;
  q?: string;
  status?: (typeof INVOICE_STATUSES)[number];
  currency?: string;
  dueFrom?: string;
  dueTo?: string;
  sort?: (typeof INVOICE_SORTS)[number];
}

interface InvoiceRow {
  invoice_id: string;
  source_id: string;
  number: string;
  customer_id: string;
  customer_name: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount: string;
  corrected: string;
  open_amount: string;
  cancelled: boolean;
  days_overdue: number;
  sort_value: unknown;
}

const SORTS: Record<string, SortSpec> = {
  dueDate: { expression: 'i.due_date', type: 'date', descending: false },
  '-dueDate': { expression: 'i.due_date', type: 'date', descending: true },
  '-issueDate': { expression: 'i.issue_date', type: 'date', descending: true },
  '-open': { expression: 'i.open_amount', type: 'bigint', descending: true },
  number: { expression: 'i.number', type: 'text', descending: false },
};

const COLUMNS = `i.invoice_id, i.source_id, i.number, i.customer_id, c.name AS customer_name,
  i.issue_date::text, i.due_date::text, i.currency, i.amount::text, i.corrected::text,
  i.open_amount::text, i.cancelled`;

export async function listInvoices(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  filter: InvoiceFilter & { after?: string; limit: number },
) {
  const parts = new QueryParts();
  const t = parts.param(today);
  const tenant = parts.param(tenantId);
  parts.when(`i.tenant_id = ${tenant}`);
  if (filter.customerId) parts.when(`i.customer_id = ${parts.param(filter.customerId)}`);
  if (filter.q?.trim()) {
    const like = parts.param(containing(filter.q));
    // Each side of the OR is a lookup in its own trigram index; the subquery runs once.
    parts.when(`(lower(i.number) LIKE ${like} OR i.customer_id IN (SELECT s.customer_id
      FROM ${CUSTOMERS} s WHERE s.tenant_id = ${tenant} AND s.search LIKE ${like}))`);
  }
  if (filter.currency) parts.when(`i.currency = ${parts.param(filter.currency.toUpperCase())}`);
  if (filter.dueFrom) parts.when(`i.due_date >= ${parts.param(filter.dueFrom)}`);
  if (filter.dueTo) parts.when(`i.due_date <= ${parts.param(filter.dueTo)}`);
  if (filter.status === 'open') parts.when('i.open_amount > 0');
  if (filter.status === 'overdue') parts.when(`i.open_amount > 0 AND i.due_date < ${t}`);
  if (filter.status === 'paid') parts.when('i.open_amount <= 0 AND NOT i.cancelled');
  if (filter.status === 'cancelled') parts.when('i.cancelled');
  const { orderBy, value } = pageBy(
    parts,
    SORTS[filter.sort ?? 'dueDate']!,
    'i.invoice_id',
    filter.after,
  );
  const limit = parts.param(filter.limit + 1);
  const { rows } = await tx.query<InvoiceRow>(
    `SELECT ${COLUMNS}, ${t}::date - i.due_date AS days_overdue, ${value} AS sort_value
     FROM ${INVOICES} i
     JOIN ${CUSTOMERS} c ON c.tenant_id = i.tenant_id AND c.customer_id = i.customer_id
     WHERE ${parts.where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`,
    parts.values,
  );
  return pageOf(rows, filter.limit, (row) => row.invoice_id, toInvoice);
}

function toInvoice(row: InvoiceRow) {
  const open = Number(row.open_amount);
  return {
    id: row.invoice_id,
    sourceId: row.source_id,
    number: row.number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    currency: row.currency,
    amount: formatAmount(Number(row.amount) + Number(row.corrected), row.currency),
    open: formatAmount(open, row.currency),
    status: row.cancelled
      ? 'cancelled'
      : open <= 0
        ? 'paid'
        : row.days_overdue > 0
          ? 'overdue'
          : 'open',
    daysOverdue: row.days_overdue,
  };
}

export async function invoiceById(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  id: string,
) {
  const { rows } = await tx.query<InvoiceRow>(
    `SELECT ${COLUMNS}, $3::date - i.due_date AS days_overdue, NULL AS sort_value
     FROM ${INVOICES} i
     JOIN ${CUSTOMERS} c ON c.tenant_id = i.tenant_id AND c.customer_id = i.customer_id
     WHERE i.tenant_id = $1 AND i.invoice_id = $2`,
    [tenantId, id, today],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('No such invoice');
  const entries = await tx.query<{
    entry_date: string;
    kind: string;
    change: string;
    payment_id: string | null;
    reference: string | null;
  }>(
    `SELECT entry_date::text, kind, change::text, payment_id, reference FROM ${ENTRIES}
     WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY entry_date, kind`,
    [tenantId, id],
  );
  const money = (minor: string) => formatAmount(Number(minor), row.currency);
  return {
    ...toInvoice(row),
    originalAmount: money(row.amount),
    corrections: entries.rows
      .filter((e) => e.kind === 'corrected')
      .map((e) => ({ date: e.entry_date, change: money(e.change), creditNote: e.reference })),
    allocations: entries.rows
      .filter((e) => e.kind !== 'corrected')
      .map((e) => ({
        date: e.entry_date,
        kind: e.kind,
        amount: money(String(-Number(e.change))),
        paymentId: e.payment_id,
      })),
    notes: await notesOf(tx, tenantId, { invoiceId: id }),
  };
}
