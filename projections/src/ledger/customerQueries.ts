import type { TenantTransaction } from '@monity/core';
import { formatAmount, NotFoundError } from '@monity/core';
import { balancesJson, toBalance, type BalanceRow } from './balances.ts';
import { containing, pageBy, pageOf, QueryParts, type SortSpec } from './keyset.ts';
import type { CustomerRow as StoredCustomer } from './ledgerRows.ts';
import { CUSTOMERS, INVOICES, NOTES, PAYMENTS } from './ledgerTables.ts';

export interface CustomerFilter {
  q?: string;
  categoryId?: string;
  excluded?: boolean;
  country?: string;
  city?: string;
  currency?: string;
  overdue?: boolean;
  sort?: 'name' | '-overdue' | '-open' | 'sourceId';
}

export const CUSTOMER_SORTS = ['name', '-overdue', '-open', 'sourceId'] as const;

const CUSTOMER_COLUMNS = `c.customer_id, c.source_id, c.name, c.tax_id, c.country, c.street,
  c.postal_code, c.city, c.emails, c.phones, c.category_ids, c.attributes, c.excluded,
  c.last_payment_date::text AS last_payment_date, c.exclusion_reason`;

/** A read-model row as the queries select it: without tenant and dates of record. */
type CustomerRow = Omit<StoredCustomer, 'tenant_id' | 'registered_at' | 'change_mark'> & {
  balances: BalanceRow[];
  sort_value: unknown;
};

/** The WHERE of a customer filter over alias `c`; shared by the list and bulk actions. */
export function customerConditions(
  parts: QueryParts,
  tenantId: string,
  today: string,
  filter: CustomerFilter,
) {
  const tenant = parts.param(tenantId);
  parts.when(`c.tenant_id = ${tenant}`);
  if (filter.q?.trim()) {
    const q = filter.q.trim().toLowerCase();
    const digits = /^[\d\s-]+$/.test(q) ? q.replace(/[\s-]/g, '') : q;
    const like = parts.param(containing(digits));
    // Each side of the OR is a lookup in its own trigram index; the subquery names the tenant
    // itself, so it runs once rather than once per customer.
    parts.when(`(c.search LIKE ${like} OR c.customer_id IN (SELECT i.customer_id FROM ${INVOICES} i
      WHERE i.tenant_id = ${tenant} AND lower(i.number) LIKE ${like}))`);
  }
  if (filter.categoryId)
    parts.when(`c.category_ids @> jsonb_build_array(${parts.param(filter.categoryId)}::text)`);
  if (filter.excluded !== undefined) parts.when(`c.excluded = ${parts.param(filter.excluded)}`);
  if (filter.country) parts.when(`c.country = ${parts.param(filter.country.toUpperCase())}`);
  if (filter.city) parts.when(`lower(c.city) = lower(${parts.param(filter.city)})`);
  const currency = filter.currency ? parts.param(filter.currency.toUpperCase()) : undefined;
  if (currency || filter.overdue) {
    const due = filter.overdue ? ` AND i.due_date < ${parts.param(today)}` : '';
    const inCurrency = currency ? ` AND i.currency = ${currency}` : '';
    parts.when(`EXISTS (SELECT 1 FROM ${INVOICES} i WHERE i.tenant_id = c.tenant_id
      AND i.customer_id = c.customer_id AND i.open_amount <> 0${due}${inCurrency})`);
  }
}

export async function listCustomers(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  filter: CustomerFilter & { after?: string; limit: number },
) {
  const parts = new QueryParts();
  customerConditions(parts, tenantId, today, filter);
  const t = parts.param(today);
  // Amounts in different currencies do not add up: an amount sort reads one currency only. The
  // sums are grouped once for the whole tenant, not computed again for every customer.
  const amountSort = filter.sort === '-overdue' || filter.sort === '-open';
  const sums = amountSort
    ? `LEFT JOIN (SELECT i.customer_id, sum(i.open_amount) AS total FROM ${INVOICES} i
         WHERE i.tenant_id = ${parts.param(tenantId)} AND i.open_amount <> 0
           AND i.currency = ${parts.param((filter.currency ?? 'PLN').toUpperCase())}
           ${filter.sort === '-overdue' ? `AND i.due_date < ${t}` : ''}
         GROUP BY i.customer_id) s ON s.customer_id = c.customer_id`
    : '';
  const sorts: Record<string, SortSpec> = {
    name: { expression: 'c.name', type: 'text', descending: false },
    sourceId: { expression: 'c.source_id', type: 'text', descending: false },
    '-overdue': { expression: 's.total', type: 'bigint', descending: true, nullable: true },
    '-open': { expression: 's.total', type: 'bigint', descending: true, nullable: true },
  };
  const sort = sorts[filter.sort ?? 'name']!;
  const { orderBy, value } = pageBy(parts, sort, 'c.customer_id', filter.after);
  const limit = parts.param(filter.limit + 1);
  const { rows } = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS}, ${value} AS sort_value, ${balancesJson(t, INVOICES)} AS balances
     FROM ${CUSTOMERS} c ${sums}
     WHERE ${parts.where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`,
    parts.values,
  );
  return pageOf(rows, filter.limit, (row) => row.customer_id, toCustomerSummary);
}

function toCustomerSummary(row: CustomerRow) {
  return {
    id: row.customer_id,
    sourceId: row.source_id,
    name: row.name,
    taxId: row.tax_id,
    country: row.country,
    city: row.city,
    emails: row.emails,
    phones: row.phones,
    categoryIds: row.category_ids,
    excluded: row.excluded,
    lastPaymentDate: row.last_payment_date,
    balances: row.balances.map((b) => toBalance(b)),
  };
}

export async function customerById(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  id: string,
) {
  const { rows } = await tx.query<CustomerRow & { credit: { currency: string; amount: string }[] }>(
    `SELECT ${CUSTOMER_COLUMNS}, ${balancesJson('$3', INVOICES)} AS balances,
       (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT currency, sum(amount - allocated)::text AS amount FROM ${PAYMENTS} p
          WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.customer_id AND amount > allocated
          GROUP BY currency) p) AS credit
     FROM ${CUSTOMERS} c WHERE c.tenant_id = $1 AND c.customer_id = $2`,
    [tenantId, id, today],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('No such customer');
  const credit = new Map(row.credit.map((c) => [c.currency, Number(c.amount)]));
  const currencies = new Set([...row.balances.map((b) => b.currency), ...credit.keys()]);
  const balances = [...currencies].sort().map((currency) => {
    const balance = row.balances.find((b) => b.currency === currency) ?? {
      currency,
      open: '0',
      overdue: '0',
      open_invoices: '0',
      overdue_invoices: '0',
    };
    return {
      ...toBalance(balance, true),
      credit: formatAmount(credit.get(currency) ?? 0, currency),
    };
  });
  return {
    ...toCustomerSummary(row),
    street: row.street,
    postalCode: row.postal_code,
    attributes: row.attributes,
    exclusionReason: row.exclusion_reason,
    balances,
    notes: await notesOf(tx, tenantId, { customerId: id }),
  };
}

export async function notesOf(
  tx: TenantTransaction,
  tenantId: string,
  of: { customerId?: string; invoiceId?: string },
) {
  const { rows } = await tx.query<{
    note_id: string;
    invoice_id: string | null;
    author_id: string;
    author_name: string | null;
    text: string;
    created_at: Date;
    edited_at: Date | null;
  }>(
    `SELECT n.*, (SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id
                  WHERE m.tenant_id = n.tenant_id AND m.user_id = n.author_id) AS author_name
     FROM ${NOTES} n WHERE n.tenant_id = $1
       AND ($2::uuid IS NULL OR n.customer_id = $2) AND ($3::uuid IS NULL OR n.invoice_id = $3)
     ORDER BY n.created_at DESC, n.note_id DESC`,
    [tenantId, of.customerId ?? null, of.invoiceId ?? null],
  );
  return rows.map((n) => ({
    id: n.note_id,
    invoiceId: n.invoice_id,
    authorId: n.author_id,
    authorName: n.author_name,
    text: n.text,
    createdAt: n.created_at.toISOString(),
    editedAt: n.edited_at?.toISOString() ?? null,
  }));
}

export async function customerTimeline(
  tx: TenantTransaction,
  tenantId: string,
  id: string,
  page: { after?: number; limit: number },
) {
  const { rows } = await tx.query<{
    id: string;
    type: string;
    stream_version: number;
    data: unknown;
    metadata: { occurredAt: string; actor: { kind: string; id: string } };
  }>(
    `SELECT id, type, stream_version, data, metadata FROM events
     WHERE tenant_id = $1 AND stream_id = $2 AND ($3::int IS NULL OR stream_version < $3)
     ORDER BY stream_version DESC LIMIT $4`,
    [tenantId, `customer-${id}`, page.after ?? null, page.limit + 1],
  );
  if (rows.length === 0 && page.after === undefined) throw new NotFoundError('No such customer');
  const items = rows.slice(0, page.limit);
  return {
    invoices: await invoicesNamedIn(
      tx,
      tenantId,
      items.map((e) => e.data),
    ),
    items: items.map((e) => ({
      id: e.id,
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      actor: e.metadata.actor,
      data: e.data,
    })),
    next: rows.length > page.limit ? String(items.at(-1)!.stream_version) : null,
  };
}

/**
 * Number and currency of every invoice the events name, so a timeline can say "FV/1: 1 234,56
 * zł" for events that carry only the invoice's id and an amount.
 */
async function invoicesNamedIn(tx: TenantTransaction, tenantId: string, data: unknown[]) {
  const ids = new Set<string>();
  for (const d of data as { invoiceId?: string; allocations?: { invoiceId: string }[] }[]) {
    if (d.invoiceId) ids.add(d.invoiceId);
    for (const allocation of d.allocations ?? []) ids.add(allocation.invoiceId);
  }
  if (ids.size === 0) return {};
  const { rows } = await tx.query<{ invoice_id: string; number: string; currency: string }>(
    `SELECT invoice_id, number, currency FROM ${INVOICES}
     WHERE tenant_id = $1 AND invoice_id = ANY($2::uuid[])`,
    [tenantId, [...ids]],
  );
  return Object.fromEntries(
    rows.map((r) => [r.invoice_id, { number: r.number, currency: r.currency }]),
  );
}
