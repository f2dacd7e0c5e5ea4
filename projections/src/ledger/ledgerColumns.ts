import type { CustomerRow, EntryRow, InvoiceRow, NoteRow, PaymentRow } from './ledgerRows.ts';
import type { Column } from './tableWrites.ts';

/** The columns the ledger projection writes to each of its tables, with their types. */
export const CUSTOMER_COLUMNS: Column<CustomerRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'source_id', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'tax_id', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'street', type: 'text' },
  { name: 'postal_code', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'emails', type: 'jsonb' },
  { name: 'phones', type: 'jsonb' },
  { name: 'category_ids', type: 'jsonb' },
  { name: 'attributes', type: 'jsonb' },
  { name: 'excluded', type: 'bool' },
  { name: 'exclusion_reason', type: 'text' },
  { name: 'last_payment_date', type: 'date' },
  { name: 'registered_at', type: 'timestamptz' },
  { name: 'change_mark', type: 'int8' },
];

export const INVOICE_COLUMNS: Column<InvoiceRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'invoice_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'source_id', type: 'text' },
  { name: 'number', type: 'text' },
  { name: 'issue_date', type: 'date' },
  { name: 'due_date', type: 'date' },
  { name: 'currency', type: 'text' },
  { name: 'amount', type: 'int8' },
  { name: 'corrected', type: 'int8' },
  { name: 'settled', type: 'int8' },
  { name: 'cancelled', type: 'bool' },
  { name: 'change_mark', type: 'int8' },
];

export const PAYMENT_COLUMNS: Column<PaymentRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'payment_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'source_id', type: 'text' },
  { name: 'date', type: 'date' },
  { name: 'currency', type: 'text' },
  { name: 'amount', type: 'int8' },
  { name: 'allocated', type: 'int8' },
  { name: 'reference', type: 'text' },
];

export const ENTRY_COLUMNS: Column<EntryRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'invoice_id', type: 'uuid' },
  { name: 'entry_date', type: 'date' },
  { name: 'kind', type: 'text' },
  { name: 'change', type: 'int8' },
  { name: 'payment_id', type: 'uuid' },
  { name: 'reference', type: 'text' },
];

export const NOTE_COLUMNS: Column<NoteRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'note_id', type: 'uuid' },
  { name: 'customer_id', type: 'uuid' },
  { name: 'invoice_id', type: 'uuid' },
  { name: 'author_id', type: 'uuid' },
  { name: 'text', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'edited_at', type: 'timestamptz' },
];
