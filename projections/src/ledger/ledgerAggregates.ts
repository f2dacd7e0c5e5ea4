import { sql, type DatabaseTransactionConnection, type IdentifierSqlToken } from 'slonik';
import type { InvoiceRow } from './ledgerRows.ts';
import { CUSTOMER_TOTALS, LEDGER_DAYS, OPEN_BY_DUE, OVERDUE_DAY } from './ledgerTables.ts';
import { addToRows, type Column } from './tableWrites.ts';

/** What one open invoice adds to the totals; a settled or cancelled invoice adds nothing. */
export interface OpenInvoice {
  tenant: string;
  customer: string;
  currency: string;
  due: string;
  open: number;
}

export function openInvoiceOf(row: InvoiceRow): OpenInvoice | null {
  const open = row.cancelled ? 0 : row.amount + row.corrected - row.settled;
  if (open <= 0) return null;
  return {
    tenant: row.tenant_id,
    customer: row.customer_id,
    currency: row.currency,
    due: row.due_date,
    open,
  };
}

export type DayColumn = 'issued' | 'corrected' | 'paid' | 'written_off';

interface OpenByDueRow {
  tenant_id: string;
  currency: string;
  due_date: string;
  invoices: number;
  open_amount: number;
}
interface LedgerDayRow extends Record<DayColumn, number> {
  tenant_id: string;
  currency: string;
  day: string;
}
interface CustomerTotalRow {
  tenant_id: string;
  customer_id: string;
  currency: string;
  open_amount: number;
  open_invoices: number;
  overdue_amount: number;
  overdue_invoices: number;
}

const OPEN_BY_DUE_COLUMNS: Column<OpenByDueRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'currency', type: 'text' },
  { name: 'due_date', type: 'date' },
  { name: 'invoices', type: 'int8' },
  { name: 'open_amount', type: 'int8' },
];
const LEDGER_DAY_COLUMNS: Column<LedgerDayRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'currency', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'issued', type: 'int8' },
  { name: 'corrected', type: 'int8' },
  { name: 'paid', type: 'int8' },
  { name: 'written_off', type: 'int8' },
];
const CUSTOMER_TOTAL_COLUMNS: Column<CustomerTotalRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'currency', type: 'text' },
  { name: 'open_amount', type: 'int8' },
  { name: 'open_invoices', type: 'int8' },
  { name: 'overdue_amount', type: 'int8' },
  { name: 'overdue_invoices', type: 'int8' },
];

/** The day before every due date: a tenant whose overdue totals no reader has moved yet. */
export const NO_DAY = '-infinity';

/**
 * The ledger's running totals, changed by a batch: every invoice's open amount before and
 * after the batch, and each dated movement. Written as additions, so totals never need a scan.
 */
export class LedgerAggregates {
  private readonly changes: [OpenInvoice | null, OpenInvoice | null][] = [];
  private readonly days = new Map<string, LedgerDayRow>();

  invoiceChanged(before: OpenInvoice | null, after: OpenInvoice | null): void {
    if (before === null && after === null) return;
    this.changes.push([before, after]);
  }

  dayMoved(tenant: string, currency: string, day: string, column: DayColumn, amount: number) {
    const k = `${tenant}/${currency}/${day}`;
    let row = this.days.get(k);
    if (!row) {
      row = { tenant_id: tenant, currency, day, issued: 0, corrected: 0, paid: 0, written_off: 0 };
      this.days.set(k, row);
    }
    row[column] += amount;
  }

  async write(tx: DatabaseTransactionConnection, table: (name: string) => IdentifierSqlToken) {
    const overdueDays = await lockOverdueDays(
      tx,
      table(OVERDUE_DAY),
      [...new Set(this.changes.flatMap(([b, a]) => [b?.tenant, a?.tenant]))].filter(
        (t): t is string => t !== undefined,
      ),
    );
    const byDue = new Map<string, OpenByDueRow>();
    const customers = new Map<string, CustomerTotalRow>();
    const count = (invoice: OpenInvoice, sign: 1 | -1) => {
      const dueKey = `${invoice.tenant}/${invoice.currency}/${invoice.due}`;
      const due = byDue.get(dueKey) ?? {
        tenant_id: invoice.tenant,
        currency: invoice.currency,
        due_date: invoice.due,
        invoices: 0,
        open_amount: 0,
      };
      due.invoices += sign;
      due.open_amount += sign * invoice.open;
      byDue.set(dueKey, due);
      const customerKey = `${invoice.tenant}/${invoice.customer}/${invoice.currency}`;
      const total = customers.get(customerKey) ?? {
        tenant_id: invoice.tenant,
        customer_id: invoice.customer,
        currency: invoice.currency,
        open_amount: 0,
        open_invoices: 0,
        overdue_amount: 0,
        overdue_invoices: 0,
      };
      total.open_amount += sign * invoice.open;
      total.open_invoices += sign;
      if (isOverdue(invoice.due, overdueDays.get(invoice.tenant)!)) {
        total.overdue_amount += sign * invoice.open;
        total.overdue_invoices += sign;
      }
      customers.set(customerKey, total);
    };
    for (const [before, after] of this.changes) {
      if (before) count(before, -1);
      if (after) count(after, 1);
    }
    const moved = <Row extends { open_amount: number }>(rows: Map<string, Row>) =>
      [...rows.values()].filter((row) => row.open_amount !== 0 || hasCountChange(row));
    await addToRows(tx, table(OPEN_BY_DUE), OPEN_BY_DUE_COLUMNS, KEYS.byDue, moved(byDue));
    await addToRows(
      tx,
      table(CUSTOMER_TOTALS),
      CUSTOMER_TOTAL_COLUMNS,
      KEYS.customers,
      moved(customers),
    );
    await addToRows(tx, table(LEDGER_DAYS), LEDGER_DAY_COLUMNS, KEYS.days, [...this.days.values()]);
  }
}

const KEYS = {
  byDue: ['tenant_id', 'currency', 'due_date'] as (keyof OpenByDueRow)[],
  customers: ['tenant_id', 'customer_id', 'currency'] as (keyof CustomerTotalRow)[],
  days: ['tenant_id', 'currency', 'day'] as (keyof LedgerDayRow)[],
};

const hasCountChange = (row: object) =>
  ('invoices' in row && row.invoices !== 0) || ('open_invoices' in row && row.open_invoices !== 0);

/** Whether an invoice due on `due` counts as overdue for totals kept as of `day`. */
const isOverdue = (due: string, day: string) => day !== NO_DAY && due < day;

/**
 * Locks the tenants' overdue days (in one order, so two writers cannot deadlock) and returns
 * them; a tenant without one gets `NO_DAY`.
 */
export async function lockOverdueDays(
  tx: DatabaseTransactionConnection,
  table: IdentifierSqlToken,
  tenants: string[],
): Promise<Map<string, string>> {
  if (tenants.length === 0) return new Map();
  const ids = sql.array([...tenants].sort(), 'uuid');
  await tx.query(sql.unsafe`
    INSERT INTO ${table} (tenant_id, day) SELECT t, ${NO_DAY}::date FROM unnest(${ids}) t
    ON CONFLICT (tenant_id) DO NOTHING`);
  const { rows } = await tx.query(sql.unsafe`
    SELECT tenant_id, day::text AS day FROM ${table} WHERE tenant_id = ANY(${ids})
    ORDER BY tenant_id FOR UPDATE`);
  return new Map((rows as { tenant_id: string; day: string }[]).map((r) => [r.tenant_id, r.day]));
}
