import type { FieldError } from '../../errors.ts';
import type { CustomerRecord, InvoiceRecord, PaymentRecord } from '../importRecords.ts';
import type { LedgerUnit } from '../ledgerWriter.ts';
import { readAmountCell, readDateCell, readFlagCell } from './cellValues.ts';

const ROW_KINDS = ['customers', 'invoices', 'payments'] as const;

const CUSTOMER_FIELDS = [
  'customer.id',
  'customer.name',
  'customer.taxId',
  'customer.country',
  'customer.street',
  'customer.postalCode',
  'customer.city',
  'customer.email',
  'customer.phone',
  'customer.category',
  'customer.excluded',
] as const;
const INVOICE_FIELDS = [
  'invoice.id',
  'invoice.number',
  'invoice.issueDate',
  'invoice.dueDate',
  'invoice.currency',
  'invoice.amount',
  'invoice.openAmount',
  'invoice.corrects',
  'invoice.cancelled',
] as const;
const PAYMENT_FIELDS = [
  'payment.id',
  'payment.date',
  'payment.currency',
  'payment.amount',
  'payment.reference',
  'payment.invoiceId',
] as const;

const MAPPED_FIELDS = [...CUSTOMER_FIELDS, ...INVOICE_FIELDS, ...PAYMENT_FIELDS];

/** How the rows of one file become ledger records (docs/ledger-api.md, "A mapping"). */
export interface ColumnMapping {
  rows: (typeof ROW_KINDS)[number];
  /** Field → column header. `customer.attribute:<name>` maps an attribute. */
  columns: Record<string, string>;
  /** Field → value used when the field has no column or its cell is empty. */
  defaults?: Record<string, string>;
}

const fieldNames = MAPPED_FIELDS.map((f) => f.replace('.', '\\.')).join('|');
const fieldPattern = `^(${fieldNames}|customer\\.attribute:.{1,100})$`;

export const columnMappingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rows', 'columns'],
  properties: {
    rows: { enum: [...ROW_KINDS] },
    columns: {
      type: 'object',
      maxProperties: 100,
      propertyNames: { pattern: fieldPattern },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
    },
    defaults: {
      type: 'object',
      maxProperties: 100,
      propertyNames: { pattern: fieldPattern },
      additionalProperties: { type: 'string', maxLength: 200 },
    },
  },
};

/** What a mapping needs at least, per kind of row. */
const REQUIRED: Record<ColumnMapping['rows'], string[]> = {
  customers: ['customer.id', 'customer.name'],
  invoices: [
    'customer.id',
    'invoice.number',
    'invoice.issueDate',
    'invoice.dueDate',
    'invoice.amount',
  ],
  payments: ['customer.id', 'payment.id', 'payment.date', 'payment.amount'],
};

/** Problems of the mapping itself against the file's headers, before any row is read. */
export function checkMapping(mapping: ColumnMapping, headers: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!headers.includes(column)) {
      errors.push({
        pointer: `/body/mapping/columns/${field}`,
        message: `the file has no column "${column}"`,
      });
    }
  }
  for (const field of REQUIRED[mapping.rows]) {
    if (!mapping.columns[field] && !mapping.defaults?.[field]) {
      errors.push({ pointer: `/body/mapping/columns/${field}`, message: 'must name a column' });
    }
  }
  const currency = mapping.rows === 'payments' ? 'payment.currency' : 'invoice.currency';
  if (mapping.rows !== 'customers' && !mapping.columns[currency] && !mapping.defaults?.[currency]) {
    errors.push({
      pointer: `/body/mapping/defaults/${currency}`,
      message: 'needs a column or a default',
    });
  }
  return errors;
}

export interface MappedRow {
  unit: LedgerUnit;
  /** Cells that could not be read, by field; the row is refused with them. */
  problems: { field: string; message: string }[];
}

/** Turns one row's cells into the records it stands for, reading amounts and dates. */
export function mapRow(mapping: ColumnMapping, cells: Record<string, string>): MappedRow {
  const problems: MappedRow['problems'] = [];
  const cell = (field: string): string | undefined => {
    const column = mapping.columns[field];
    const value = column !== undefined ? cells[column]?.trim() : undefined;
    return value ? value : mapping.defaults?.[field]?.trim() || undefined;
  };
  const amount = (field: string) => {
    const text = cell(field);
    if (text === undefined) return undefined;
    const value = readAmountCell(text);
    if (value === undefined) problems.push({ field, message: `"${text}" is not an amount` });
    return value ?? text;
  };
  const date = (field: string) => {
    const text = cell(field);
    if (text === undefined) return undefined;
    const value = readDateCell(text);
    if (value === undefined) problems.push({ field, message: `"${text}" is not a date` });
    return value ?? text;
  };
  const flag = (field: string) => {
    const text = cell(field);
    if (text === undefined) return undefined;
    const value = readFlagCell(text);
    if (value === undefined) problems.push({ field, message: `"${text}" is not yes or no` });
    return value;
  };
  const list = (field: string) => {
    const text = cell(field);
    return text === undefined ? undefined : text.split(/[;,]\s*/).filter(Boolean);
  };

  const unit: LedgerUnit = [];
  const customerId = cell('customer.id') ?? '';
  const name = cell('customer.name');
  if (mapping.rows === 'customers' || name !== undefined) {
    const attributes = Object.fromEntries(
      Object.keys(mapping.columns)
        .filter((field) => field.startsWith('customer.attribute:'))
        .map((field) => [field.slice('customer.attribute:'.length), cell(field) ?? '']),
    );
    const excluded = flag('customer.excluded');
    const customer: CustomerRecord = withoutUndefined({
      id: customerId,
      name: name ?? '',
      taxId: cell('customer.taxId'),
      country: cell('customer.country'),
      street: cell('customer.street'),
      postalCode: cell('customer.postalCode'),
      city: cell('customer.city'),
      emails: list('customer.email'),
      phones: list('customer.phone'),
      categories: list('customer.category'),
      attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
      excluded,
    });
    unit.push({ kind: 'customer', record: customer });
  }
  if (mapping.rows === 'invoices') {
    const number = cell('invoice.number') ?? '';
    const invoice: InvoiceRecord = withoutUndefined({
      id: cell('invoice.id') ?? number,
      number,
      customerId,
      issueDate: date('invoice.issueDate') ?? '',
      dueDate: date('invoice.dueDate') ?? '',
      currency: cell('invoice.currency') ?? '',
      amount: amount('invoice.amount') ?? '',
      openAmount: amount('invoice.openAmount'),
      corrects: cell('invoice.corrects'),
      cancelled: flag('invoice.cancelled'),
    });
    unit.push({ kind: 'invoice', record: invoice });
  }
  if (mapping.rows === 'payments') {
    const invoiceId = cell('payment.invoiceId');
    const paid = amount('payment.amount') ?? '';
    const payment: PaymentRecord = withoutUndefined({
      id: cell('payment.id') ?? '',
      customerId,
      date: date('payment.date') ?? '',
      currency: cell('payment.currency') ?? '',
      amount: paid,
      reference: cell('payment.reference'),
      allocations: invoiceId ? [{ invoiceId, amount: paid }] : undefined,
    });
    unit.push({ kind: 'payment', record: payment });
  }
  return { unit, problems };
}

/** The mapped field an error pointer stands for: invoice `/amount` is invoice.amount. */
export function fieldOfPointer(kind: string, pointer: string): string {
  const [first] = pointer.split('/').filter(Boolean);
  if (!first) return kind;
  if (first === 'emails') return 'customer.email';
  if (first === 'phones') return 'customer.phone';
  if (first === 'categories') return 'customer.category';
  if (first === 'attributes') return `customer.attribute:${pointer.split('/')[2] ?? ''}`;
  if (first === 'allocations') return 'payment.invoiceId';
  if (kind === 'invoice' && first === 'customerId') return 'customer.id';
  if (kind === 'payment' && first === 'customerId') return 'customer.id';
  return `${kind}.${first}`;
}

/** Drops the fields a row left empty, in place: this runs for every row of every import. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
