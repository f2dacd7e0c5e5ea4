import type { TenantTransaction } from '@monity/core';
import { formatAmount } from '@monity/core';
import { containing, pageBy, pageOf, QueryParts, type SortSpec } from './keyset.ts';
import { CUSTOMERS, PAYMENTS } from './ledgerTables.ts';

export const PAYMENT_SORTS = ['-date', 'date', '-amount'] as const;

export interface PaymentFilter {
  customerId?: string;
  q?: string;
  currency?: string;
  from?: string;
  to?: string;
  unallocated?: boolean;
  sort?: (typeof PAYMENT_SORTS)[number];
}

const SORTS: Record<string, SortSpec> = {
  '-date': { expression: 'p.date', type: 'date', descending: true },
  date: { expression: 'p.date', type: 'date', descending: false },
  '-amount': { expression: 'p.amount', type: 'bigint', descending: true },
};

export async function listPayments(
  tx: TenantTransaction,
  tenantId: string,
  filter: PaymentFilter & { after?: string; limit: number },
) {
  const parts = new QueryParts();
  parts.when(`p.tenant_id = ${parts.param(tenantId)}`);
  if (filter.customerId) parts.when(`p.customer_id = ${parts.param(filter.customerId)}`);
  if (filter.q?.trim()) {
    const like = parts.param(containing(filter.q));
    parts.when(`(lower(p.reference) LIKE ${like} OR lower(p.source_id) LIKE ${like})`);
  }
  if (filter.currency) parts.when(`p.currency = ${parts.param(filter.currency.toUpperCase())}`);
  if (filter.from) parts.when(`p.date >= ${parts.param(filter.from)}`);
  if (filter.to) parts.when(`p.date <= ${parts.param(filter.to)}`);
  if (filter.unallocated) parts.when('p.amount > p.allocated');
  const { orderBy, value } = pageBy(
    parts,
    SORTS[filter.sort ?? '-date']!,
    'p.payment_id',
    filter.after,
  );
  const limit = parts.param(filter.limit + 1);
  const { rows } = await tx.query<{
    payment_id: string;
    source_id: string;
    customer_id: string;
    customer_name: string;
    date: string;
    currency: string;
    amount: string;
    allocated: string;
    reference: string | null;
    sort_value: unknown;
  }>(
    `SELECT p.payment_id, p.source_id, p.customer_id, c.name AS customer_name, p.date::text,
       p.currency, p.amount::text, p.allocated::text, p.reference, ${value} AS sort_value
     FROM ${PAYMENTS} p
     JOIN ${CUSTOMERS} c ON c.tenant_id = p.tenant_id AND c.customer_id = p.customer_id
     WHERE ${parts.where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`,
    parts.values,
  );
  return pageOf(
    rows,
    filter.limit,
    (row) => row.payment_id,
    (p) => ({
      id: p.payment_id,
      sourceId: p.source_id,
      customerId: p.customer_id,
      customerName: p.customer_name,
      date: p.date,
      currency: p.currency,
      amount: formatAmount(Number(p.amount), p.currency),
      allocated: formatAmount(Number(p.allocated), p.currency),
      unallocated: formatAmount(Number(p.amount) - Number(p.allocated), p.currency),
      reference: p.reference,
    }),
  );
}
