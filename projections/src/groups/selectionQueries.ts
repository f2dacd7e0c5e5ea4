import {
  formatAmount,
  type Catalogue,
  type GroupSelection,
  type TenantTransaction,
} from '@monity/core';
import { pageBy, pageOf, QueryParts } from '../ledger/keyset.ts';
import { CUSTOMER_TOTALS, CUSTOMERS, INVOICES, OPEN_BY_DUE } from '../ledger/ledgerTables.ts';
import { compileSelection } from './compileCriteria.ts';

export interface SelectionScope {
  tenantId: string;
  today: string;
  catalogue: Catalogue;
  /** The currencies of the tenant's open invoices (`currenciesOf`). */
  currencies: string[];
  /** Where the selection sits in the request, to address errors (`/body`). */
  pointer?: string;
}

/** The currencies the tenant's open invoices are in, from the running totals. */
export async function currenciesOf(tx: TenantTransaction, tenantId: string) {
  const { rows } = await tx.query<{ currency: string }>(
    `SELECT DISTINCT currency FROM ${OPEN_BY_DUE} WHERE tenant_id = $1 AND invoices > 0`,
    [tenantId],
  );
  return rows.map((r) => r.currency);
}

const totalsOf = (invoice: string, tenant: string) =>
  `LEFT JOIN ${CUSTOMER_TOTALS} ct ON ct.tenant_id = ${tenant}
     AND ct.customer_id = ${invoice}.customer_id AND ct.currency = ${invoice}.currency`;
const customerOf = (invoice: string, tenant: string) =>
  `JOIN ${CUSTOMERS} c ON c.tenant_id = ${tenant} AND c.customer_id = ${invoice}.customer_id`;

function compile(selection: GroupSelection, scope: SelectionScope) {
  const parts = new QueryParts();
  const tenant = parts.param(scope.tenantId);
  const { invoices, customers } = compileSelection(
    selection,
    { parts, today: scope.today, catalogue: scope.catalogue, currencies: scope.currencies },
    scope.pointer,
  );
  const invoiceJoins = invoices.usesCustomer
    ? `${customerOf('i', tenant)} ${invoices.usesTotals ? totalsOf('i', tenant) : ''}`
    : '';
  /** The matching invoices one per row, with their customers. */
  const rows = `FROM ${INVOICES} i ${customerOf('i', tenant)}
    ${invoices.usesTotals || customers.usesTotals ? totalsOf('i', tenant) : ''}
    WHERE i.tenant_id = ${tenant} AND ${invoices.where} AND ${customers.where}`;
  /**
   * The matching invoices summed per customer and currency: the invoices' conditions first,
   * over the index, then the customers' once per sum. The sums are named `i`, so the
   * customers' conditions read `i.currency` as they would of one invoice.
   */
  const sums = `SELECT i.customer_id, i.currency, i.invoices, i.open FROM (
      SELECT i.customer_id, i.currency, count(*) AS invoices, sum(i.open_amount) AS open
      FROM ${INVOICES} i ${invoiceJoins}
      WHERE i.tenant_id = ${tenant} AND ${invoices.where}
      GROUP BY i.customer_id, i.currency) i
    ${customerOf('i', tenant)} ${customers.usesTotals ? totalsOf('i', tenant) : ''}
    WHERE ${customers.where}`;
  return { parts, tenant, rows, sums };
}

interface PreviewRow {
  currencies: { currency: string; customers: number; invoices: number; open: string }[] | null;
  customers: number;
  items:
    | {
        customer_id: string;
        name: string;
        tax_id: string | null;
        city: string | null;
        invoices: number;
        open: { currency: string; open: string }[];
      }[]
    | null;
}

/**
 * How many customers and open invoices a selection takes in, for how much per currency, and
 * its first customers: those with the largest open amount in any one currency first. One
 * statement: the matching invoices are summed per customer and currency once, and every
 * figure is read from those sums.
 */
export async function previewSelection(
  tx: TenantTransaction,
  selection: GroupSelection,
  scope: SelectionScope,
  limit: number,
) {
  const { parts, tenant, sums } = compile(selection, scope);
  const { rows } = await tx.query<PreviewRow>(
    `WITH m AS MATERIALIZED (${sums}),
     top AS (
       SELECT customer_id, max(open) AS largest FROM m GROUP BY customer_id
       ORDER BY largest DESC, customer_id LIMIT ${parts.param(limit)})
     SELECT
       (SELECT json_agg(x ORDER BY x.currency) FROM (
          SELECT currency, count(*)::int AS customers, sum(invoices)::int AS invoices,
            sum(open)::text AS open
          FROM m GROUP BY currency) x) AS currencies,
       (SELECT count(*)::int FROM (SELECT customer_id FROM m GROUP BY customer_id) k) AS customers,
       (SELECT json_agg(json_build_object('customer_id', t.customer_id, 'name', c.name,
            'tax_id', c.tax_id, 'city', c.city,
            'invoices', (SELECT sum(invoices)::int FROM m WHERE m.customer_id = t.customer_id),
            'open', (SELECT json_agg(json_build_object('currency', currency, 'open', open::text)
               ORDER BY currency) FROM m WHERE m.customer_id = t.customer_id))
            ORDER BY t.largest DESC, t.customer_id)
        FROM top t JOIN ${CUSTOMERS} c ON c.tenant_id = ${tenant}
          AND c.customer_id = t.customer_id) AS items`,
    parts.values,
  );
  const row = rows[0]!;
  const currencies = (row.currencies ?? []).map((c) => ({
    currency: c.currency,
    customers: c.customers,
    invoices: c.invoices,
    open: formatAmount(Number(c.open), c.currency),
  }));
  return {
    customers: row.customers,
    invoices: currencies.reduce((sum, c) => sum + c.invoices, 0),
    currencies,
    items: (row.items ?? []).map((item) => ({
      customerId: item.customer_id,
      name: item.name,
      taxId: item.tax_id,
      city: item.city,
      invoices: item.invoices,
      open: item.open.map((o) => ({
        currency: o.currency,
        open: formatAmount(Number(o.open), o.currency),
      })),
    })),
  };
}

/**
 * The matching open invoices one per row, with their customers' addresses: what a collection
 * step chooses its messages from.
 */
export async function selectionInvoices(
  tx: TenantTransaction,
  selection: GroupSelection,
  scope: SelectionScope,
) {
  const { parts, rows } = compile(selection, scope);
  const result = await tx.query<{
    customer_id: string;
    invoice_id: string;
    currency: string;
    due_date: string;
    open_amount: string;
    emails: string[];
    phones: string[];
  }>(
    `SELECT i.customer_id, i.invoice_id, i.currency, i.due_date::text, i.open_amount::text,
       c.emails, c.phones
     ${rows} ORDER BY i.customer_id, i.currency, i.due_date, i.invoice_id`,
    parts.values,
  );
  return result.rows;
}

interface MemberRow {
  customer_id: string;
  name: string;
  tax_id: string | null;
  sort_value: string;
}

interface MemberInvoiceRow {
  customer_id: string;
  invoice_id: string;
  number: string;
  currency: string;
  issue_date: string;
  due_date: string;
  days_overdue: number;
  open_amount: string;
}

/**
 * The customers a selection takes in, by name, a page at a time, each with the open invoices
 * it matched (oldest due first) and their open amounts per currency.
 */
export async function selectionMembers(
  tx: TenantTransaction,
  selection: GroupSelection,
  scope: SelectionScope,
  page: { after?: string; limit: number },
) {
  const { parts, tenant, sums } = compile(selection, scope);
  const { orderBy } = pageBy(
    parts,
    { expression: 'c.name', type: 'text', descending: false },
    'c.customer_id',
    page.after,
  );
  const keyset = parts.where.length > 0 ? `AND ${parts.where.join(' AND ')}` : '';
  const { rows } = await tx.query<MemberRow>(
    `SELECT c.customer_id, c.name, c.tax_id, c.name AS sort_value
     FROM (SELECT DISTINCT m.customer_id FROM (${sums}) m) m
     JOIN ${CUSTOMERS} c ON c.tenant_id = ${tenant} AND c.customer_id = m.customer_id
     WHERE true ${keyset}
     ORDER BY ${orderBy} LIMIT ${parts.param(page.limit + 1)}`,
    parts.values,
  );
  const customerIds = rows.slice(0, page.limit).map((r) => r.customer_id);
  const invoices = await memberInvoices(tx, selection, scope, customerIds);
  return pageOf(
    rows,
    page.limit,
    (row) => row.customer_id,
    (row) => {
      const own = invoices.get(row.customer_id) ?? [];
      return {
        customerId: row.customer_id,
        name: row.name,
        taxId: row.tax_id,
        open: totalsPerCurrency(own),
        invoices: own.map((i) => ({
          invoiceId: i.invoice_id,
          number: i.number,
          currency: i.currency,
          issueDate: i.issue_date,
          dueDate: i.due_date,
          daysOverdue: i.days_overdue,
          open: formatAmount(Number(i.open_amount), i.currency),
        })),
      };
    },
  );
}

/** The matching open invoices of the given customers, oldest due first. */
async function memberInvoices(
  tx: TenantTransaction,
  selection: GroupSelection,
  scope: SelectionScope,
  customerIds: string[],
): Promise<Map<string, MemberInvoiceRow[]>> {
  const byCustomer = new Map<string, MemberInvoiceRow[]>();
  if (customerIds.length === 0) return byCustomer;
  const { parts, rows: matching } = compile(selection, scope);
  const { rows } = await tx.query<MemberInvoiceRow>(
    `SELECT i.customer_id, i.invoice_id, i.number, i.currency, i.issue_date::text,
       i.due_date::text, (${parts.param(scope.today)}::date - i.due_date) AS days_overdue,
       i.open_amount::text
     ${matching} AND i.customer_id = ANY(${parts.param(customerIds)}::uuid[])
     ORDER BY i.customer_id, i.due_date, i.number`,
    parts.values,
  );
  for (const row of rows) {
    byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), row]);
  }
  return byCustomer;
}

function totalsPerCurrency(invoices: MemberInvoiceRow[]) {
  const totals = new Map<string, number>();
  for (const i of invoices)
    totals.set(i.currency, (totals.get(i.currency) ?? 0) + Number(i.open_amount));
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, open]) => ({ currency, open: formatAmount(open, currency) }));
}
