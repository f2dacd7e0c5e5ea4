import { sql } from 'slonik';
import type { ProjectionTable } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const CUSTOMERS = 'rm_customers';
export const INVOICES = 'rm_invoices';
export const PAYMENTS = 'rm_payments';
export const ENTRIES = 'rm_invoice_entries';
export const NOTES = 'rm_notes';
export const OPEN_BY_DUE = 'rm_open_by_due';
export const LEDGER_DAYS = 'rm_ledger_days';
export const CUSTOMER_TOTALS = 'rm_customer_totals';
export const OVERDUE_DAY = 'rm_overdue_day';

/**
 * The ledger's read models. Amounts are bigint minor units; what depends on today (days
 * overdue, the aging bucket) is computed by queries from the indexed due date, never stored.
 * Customers and invoices carry the mark of the batch that last wrote them (`change_mark`).
 */
export const ledgerTables: ProjectionTable[] = [
  {
    name: CUSTOMERS,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        source_id text NOT NULL,
        name text NOT NULL,
        tax_id text,
        country text NOT NULL,
        street text,
        postal_code text,
        city text,
        emails jsonb NOT NULL,
        phones jsonb NOT NULL,
        category_ids jsonb NOT NULL,
        attributes jsonb NOT NULL,
        excluded boolean NOT NULL,
        exclusion_reason text,
        last_payment_date date,
        registered_at timestamptz NOT NULL,
        change_mark bigint NOT NULL,
        search text GENERATED ALWAYS AS
          (lower(name || ' ' || coalesce(tax_id, '') || ' ' || source_id)) STORED,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, customer_id)
      )`,
      sql.unsafe`CREATE INDEX ${t('by_name')} ON ${t()} (tenant_id, name, customer_id)`,
      sql.unsafe`CREATE INDEX ${t('by_source')} ON ${t()} (tenant_id, source_id)`,
      sql.unsafe`CREATE INDEX ${t('search')} ON ${t()} USING gin (search gin_trgm_ops)`,
      sql.unsafe`CREATE INDEX ${t('categories')} ON ${t()} USING gin (category_ids)`,
      sql.unsafe`CREATE INDEX ${t('changes')} ON ${t()} (tenant_id, change_mark)`,
      ...tenantOnly(t),
    ],
  },
  {
    name: INVOICES,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        source_id text NOT NULL,
        number text NOT NULL,
        issue_date date NOT NULL,
        due_date date NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL,
        corrected bigint NOT NULL,
        settled bigint NOT NULL,
        cancelled boolean NOT NULL,
        open_amount bigint GENERATED ALWAYS AS
          (CASE WHEN cancelled THEN 0 ELSE amount + corrected - settled END) STORED,
        change_mark bigint NOT NULL,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, invoice_id)
      )`,
      sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()} (tenant_id, customer_id, due_date)`,
      sql.unsafe`CREATE INDEX ${t('by_due')} ON ${t()} (tenant_id, due_date, invoice_id)`,
      // What group criteria read of an open invoice, so a preview scans this index alone.
      sql.unsafe`CREATE INDEX ${t('open_by_due')} ON ${t()} (tenant_id, currency, due_date)
        INCLUDE (customer_id, open_amount, amount, issue_date) WHERE open_amount > 0`,
      sql.unsafe`CREATE INDEX ${t('number')} ON ${t()} USING gin (lower(number) gin_trgm_ops)`,
      // What changed since a mark (ledger_change_marks): the preview index's refresh.
      sql.unsafe`CREATE INDEX ${t('changes')} ON ${t()} (tenant_id, change_mark)`,
      ...tenantOnly(t),
    ],
  },
  {
    name: PAYMENTS,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        payment_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        source_id text NOT NULL,
        date date NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL,
        allocated bigint NOT NULL,
        reference text,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, payment_id)
      )`,
      sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()} (tenant_id, customer_id, date)`,
      sql.unsafe`CREATE INDEX ${t('by_date')} ON ${t()} (tenant_id, date, payment_id)`,
      ...tenantOnly(t),
    ],
  },
  {
    // Every dated change of an invoice's open amount after its issue: what "open as of a past
    // day" adds to the amount issued.
    name: ENTRIES,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        entry_date date NOT NULL,
        kind text NOT NULL,
        change bigint NOT NULL,
        payment_id uuid,
        reference text
      )`,
      sql.unsafe`CREATE INDEX ${t('by_invoice')} ON ${t()} (tenant_id, invoice_id, entry_date)`,
      ...tenantOnly(t),
    ],
  },
  {
    name: NOTES,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        note_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        invoice_id uuid,
        author_id uuid NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, note_id)
      )`,
      sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()} (tenant_id, customer_id, created_at)`,
      ...tenantOnly(t),
    ],
  },
  {
    // Open invoices and their open amount per due date: aging and overdue totals for today
    // read a few thousand of these rows instead of every invoice.
    name: OPEN_BY_DUE,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        currency text NOT NULL,
        due_date date NOT NULL,
        invoices bigint NOT NULL,
        open_amount bigint NOT NULL,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, currency, due_date)
      )`,
      ...tenantOnly(t),
    ],
  },
  {
    // What each day added to and took from receivables: issued by issue date; corrected, paid
    // (including settled in the ERP) and written off (including cancelled) by entry date.
    // Receivables as of a day are the running sum; sales over a period are its issued sum.
    name: LEDGER_DAYS,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        currency text NOT NULL,
        day date NOT NULL,
        issued bigint NOT NULL,
        corrected bigint NOT NULL,
        paid bigint NOT NULL,
        written_off bigint NOT NULL,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, currency, day)
      )`,
      ...tenantOnly(t),
    ],
  },
  {
    // Each customer's open and overdue totals per currency. "Overdue" means due before the
    // tenant's day in rm_overdue_day; readers move that day forward (overdueDay.ts) before
    // they read, adding what fell due in between.
    name: CUSTOMER_TOTALS,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        currency text NOT NULL,
        open_amount bigint NOT NULL,
        open_invoices bigint NOT NULL,
        overdue_amount bigint NOT NULL,
        overdue_invoices bigint NOT NULL,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, customer_id, currency)
      )`,
      sql.unsafe`CREATE INDEX ${t('by_overdue')} ON ${t()}
        (tenant_id, currency, overdue_amount DESC, customer_id)`,
      ...tenantOnly(t),
    ],
  },
  {
    name: OVERDUE_DAY,
    create: (t) => [
      sql.unsafe`CREATE TABLE ${t()} (
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id)
      )`,
      ...tenantOnly(t),
    ],
  },
];
