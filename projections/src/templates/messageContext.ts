import { NotFoundError, type TenantTransaction } from '@monity/core';
import { CUSTOMERS, INVOICES } from '../ledger/ledgerTables.ts';

export interface PostalAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

/** The company that is owed: the tenant, as its settings describe it. */
export interface Creditor {
  name: string;
  taxId: string;
  address: PostalAddress;
  /** IBANs in electronic format, each maybe for one currency. */
  bankAccounts: { iban: string; bankName?: string; currency?: string }[];
}

export interface Debtor {
  /** Monity's id of the customer. */
  id: string;
  /** The customer's id in the ERP. */
  erpId: string;
  name: string;
  taxId: string | null;
  address: PostalAddress;
}

export interface UnpaidInvoice {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  /** Gross amount after corrections, in minor units. */
  amountMinor: number;
  /** What is left to pay, in minor units; always above zero. */
  openMinor: number;
}

/** What the messages to one customer are written from: every currency they owe in. */
export interface MessageContext {
  /** The tenant's today, YYYY-MM-DD: days overdue are counted to it. */
  today: string;
  creditor: Creditor;
  customer: Debtor;
  /** Unpaid invoices, oldest due first. */
  invoices: UnpaidInvoice[];
}

export interface MessageContextQuery {
  tenantId: string;
  customerId: string;
  today: string;
  /** Only invoices in this currency. */
  currency?: string;
  /** Only these invoices (Monity ids), if unpaid; a collection step passes those it selected. */
  invoiceIds?: readonly string[];
}

const INVOICE_COLUMNS = `invoice_id, number, issue_date::text, due_date::text, currency,
  (amount + corrected)::text AS amount, open_amount::text`;
const INVOICE_ORDER = 'ORDER BY due_date, number, invoice_id';

interface InvoiceRow {
  invoice_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount: string;
  open_amount: string;
}

const invoiceOf = (row: InvoiceRow): UnpaidInvoice => ({
  id: row.invoice_id,
  number: row.number,
  issueDate: row.issue_date,
  dueDate: row.due_date,
  currency: row.currency,
  amountMinor: Number(row.amount),
  openMinor: Number(row.open_amount),
});

/**
 * Reads what messages to a customer say: the creditor from the company's settings, the
 * customer and their unpaid invoices (open amount above zero) from the ledger's read models.
 * Throws `NotFoundError` when the company has no such customer.
 */
export async function loadMessageContext(
  tx: TenantTransaction,
  query: MessageContextQuery,
): Promise<MessageContext> {
  const { tenantId, customerId, today } = query;
  const creditor = await readCreditor(tx, tenantId);
  const customer = (await readDebtors(tx, tenantId, [customerId])).get(customerId);
  if (!customer) throw new NotFoundError('No such customer');

  const { rows } = await tx.query<InvoiceRow>(
    `SELECT ${INVOICE_COLUMNS} FROM ${INVOICES}
     WHERE tenant_id = $1 AND customer_id = $2 AND open_amount > 0
       AND ($3::text IS NULL OR currency = $3)
       AND ($4::uuid[] IS NULL OR invoice_id = ANY ($4))
     ${INVOICE_ORDER}`,
    [tenantId, customerId, query.currency ?? null, query.invoiceIds ?? null],
  );
  return { today, creditor, customer, invoices: rows.map(invoiceOf) };
}

/**
 * The contexts of many messages at once, each naming its customer's invoices: three queries
 * whatever their number, for the collection scheduler's batches. A message whose customer is
 * gone gets `undefined`; of its invoices only the unpaid ones are kept.
 */
export async function loadMessageContexts(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  messages: readonly { customerId: string; invoiceIds: readonly string[] }[],
): Promise<(MessageContext | undefined)[]> {
  const creditor = await readCreditor(tx, tenantId);
  const debtors = await readDebtors(tx, tenantId, [...new Set(messages.map((m) => m.customerId))]);
  const { rows } = await tx.query<InvoiceRow>(
    `SELECT ${INVOICE_COLUMNS} FROM ${INVOICES}
     WHERE tenant_id = $1 AND invoice_id = ANY ($2::uuid[]) AND open_amount > 0 ${INVOICE_ORDER}`,
    [tenantId, messages.flatMap((m) => m.invoiceIds)],
  );
  // Rows come oldest due first; each message keeps that order for its own.
  const unpaid = new Map(rows.map((row, order) => [row.invoice_id, { order, row }]));
  return messages.map(({ customerId, invoiceIds }) => {
    const customer = debtors.get(customerId);
    if (!customer) return undefined;
    const invoices = invoiceIds
      .flatMap((id) => unpaid.get(id) ?? [])
      .sort((a, b) => a.order - b.order)
      .map(({ row }) => invoiceOf(row));
    return { today, creditor, customer, invoices };
  });
}

async function readCreditor(tx: TenantTransaction, tenantId: string): Promise<Creditor> {
  const { rows } = await tx.query<{
    name: string;
    tax_id: string;
    address: Partial<Record<'street' | 'postalCode' | 'city' | 'country', string>>;
    bank_accounts: Creditor['bankAccounts'];
  }>('SELECT name, tax_id, address, bank_accounts FROM tenants WHERE id = $1', [tenantId]);
  const row = rows[0];
  if (!row) throw new NotFoundError('No such company');
  const { street, postalCode, city, country } = row.address;
  return {
    name: row.name,
    taxId: row.tax_id,
    address: {
      street: street ?? null,
      postalCode: postalCode ?? null,
      city: city ?? null,
      country: country ?? null,
    },
    bankAccounts: row.bank_accounts,
  };
}

async function readDebtors(tx: TenantTransaction, tenantId: string, customerIds: string[]) {
  const { rows } = await tx.query<{
    customer_id: string;
    source_id: string;
    name: string;
    tax_id: string | null;
    street: string | null;
    postal_code: string | null;
    city: string | null;
    country: string;
  }>(
    `SELECT customer_id, source_id, name, tax_id, street, postal_code, city, country
     FROM ${CUSTOMERS} WHERE tenant_id = $1 AND customer_id = ANY ($2::uuid[])`,
    [tenantId, customerIds],
  );
  const debtors = new Map<string, Debtor>();
  for (const row of rows) {
    const address = {
      street: row.street,
      postalCode: row.postal_code,
      city: row.city,
      country: row.country,
    };
    debtors.set(row.customer_id, {
      id: row.customer_id,
      erpId: row.source_id,
      name: row.name,
      taxId: row.tax_id,
      address,
    });
  }
  return debtors;
}
