import type { TenantTransaction } from '@monity/core';
import { CUSTOMERS, INVOICES } from '../../ledger/ledgerTables.ts';
import { dayNumber, NO_DAY } from './dayNumbers.ts';
import type { CustomerFacts, OpenInvoiceFacts } from './ledgerFacts.ts';

/**
 * Where a tenant's ledger read model stands: the largest change mark of its customers and
 * invoices, and which tables hold them (a rebuild swaps in new tables, with marks of its own).
 */
export interface LedgerMark {
  tables: string;
  mark: number;
}

export async function readLedgerMark(tx: TenantTransaction, tenantId: string) {
  const { rows } = await tx.query<{ tables: string; mark: string | null }>(
    `SELECT '${INVOICES}'::regclass::oid::text AS tables, greatest(
       (SELECT max(change_mark) FROM ${INVOICES} WHERE tenant_id = $1),
       (SELECT max(change_mark) FROM ${CUSTOMERS} WHERE tenant_id = $1))::text AS mark`,
    [tenantId],
  );
  return { tables: rows[0]!.tables, mark: Number(rows[0]!.mark ?? 0) } satisfies LedgerMark;
}

/** The customers whose row or invoices changed after `mark`; at most `limit` of them. */
export async function changedCustomers(
  tx: TenantTransaction,
  tenantId: string,
  mark: number,
  limit: number,
): Promise<string[]> {
  const { rows } = await tx.query<{ customer_id: string }>(
    `SELECT customer_id FROM ${CUSTOMERS} WHERE tenant_id = $1 AND change_mark > $2
     UNION SELECT customer_id FROM ${INVOICES} WHERE tenant_id = $1 AND change_mark > $2
     LIMIT $3`,
    [tenantId, mark, limit],
  );
  return rows.map((row) => row.customer_id);
}

/** How many open invoices the tenant has: what the columns are sized for. */
export async function countOpenInvoices(tx: TenantTransaction, tenantId: string) {
  const { rows } = await tx.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${INVOICES} WHERE tenant_id = $1 AND open_amount > 0`,
    [tenantId],
  );
  return Number(rows[0]!.count);
}

interface CustomerRow {
  customer_id: string;
  excluded: boolean;
  country: string;
  city: string | null;
  has_email: boolean;
  has_phone: boolean;
  category_ids: string[];
  attributes: Record<string, unknown>;
  last_payment_date: string | null;
}

const CUSTOMER_FACTS = `customer_id, excluded, country, lower(city) AS city,
  jsonb_array_length(emails) > 0 AS has_email, jsonb_array_length(phones) > 0 AS has_phone,
  category_ids, attributes, last_payment_date::text AS last_payment_date`;

const toFacts = (row: CustomerRow): CustomerFacts => ({
  id: row.customer_id,
  excluded: row.excluded,
  country: row.country,
  city: row.city,
  hasEmail: row.has_email,
  hasPhone: row.has_phone,
  categories: row.category_ids,
  attributes: row.attributes,
  lastPayment: row.last_payment_date === null ? NO_DAY : dayNumber(row.last_payment_date),
});

/** Below every customer id the ledger makes (name-based uuids), so page one needs no OR. */
const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/** A page of the tenant's customers by id, after `after`, over the primary key. */
export async function customerPage(
  tx: TenantTransaction,
  tenantId: string,
  after: string | null,
  limit: number,
): Promise<CustomerFacts[]> {
  const { rows } = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_FACTS} FROM ${CUSTOMERS}
     WHERE tenant_id = $1 AND customer_id > $2::uuid
     ORDER BY customer_id LIMIT $3`,
    [tenantId, after ?? BEFORE_ALL, limit],
  );
  return rows.map(toFacts);
}

export async function customersByIds(tx: TenantTransaction, tenantId: string, ids: string[]) {
  const { rows } = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_FACTS} FROM ${CUSTOMERS}
     WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return rows.map(toFacts);
}

/** The open invoices of the given customers, by customer id. */
export async function openInvoicesOf(
  tx: TenantTransaction,
  tenantId: string,
  customerIds: string[],
): Promise<Map<string, OpenInvoiceFacts[]>> {
  const byCustomer = new Map<string, OpenInvoiceFacts[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  const { rows } = await tx.query<{
    customer_id: string;
    currency: string;
    due_date: string;
    issue_date: string;
    amount: string;
    open_amount: string;
  }>(
    `SELECT customer_id, currency, due_date::text AS due_date, issue_date::text AS issue_date,
       amount::text AS amount, open_amount::text AS open_amount
     FROM ${INVOICES}
     WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND open_amount > 0`,
    [tenantId, customerIds],
  );
  for (const row of rows) {
    byCustomer.get(row.customer_id)?.push({
      currency: row.currency,
      due: dayNumber(row.due_date),
      issue: dayNumber(row.issue_date),
      amount: Number(row.amount),
      open: Number(row.open_amount),
    });
  }
  return byCustomer;
}

/** What the preview shows of its first customers, read fresh for the few it lists. */
export async function customerHeadings(tx: TenantTransaction, tenantId: string, ids: string[]) {
  const { rows } = await tx.query<{
    customer_id: string;
    name: string;
    tax_id: string | null;
    city: string | null;
  }>(
    `SELECT customer_id, name, tax_id, city FROM ${CUSTOMERS}
     WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(rows.map((row) => [row.customer_id, row]));
}
