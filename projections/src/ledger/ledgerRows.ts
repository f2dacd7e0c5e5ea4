/** The read models' rows as the projection holds them in memory while it applies a batch. */

export interface CustomerRow {
  tenant_id: string;
  customer_id: string;
  source_id: string;
  name: string;
  tax_id: string | null;
  country: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  emails: string[];
  phones: string[];
  category_ids: string[];
  attributes: Record<string, unknown>;
  excluded: boolean;
  exclusion_reason: string | null;
  last_payment_date: string | null;
  registered_at: string;
  /** The batch that last wrote the row (`ledger_change_marks`). */
  change_mark: number;
}

export interface InvoiceRow {
  tenant_id: string;
  invoice_id: string;
  customer_id: string;
  source_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount: number;
  corrected: number;
  settled: number;
  cancelled: boolean;
  change_mark: number;
}

export interface PaymentRow {
  tenant_id: string;
  payment_id: string;
  customer_id: string;
  source_id: string;
  date: string;
  currency: string;
  amount: number;
  allocated: number;
  reference: string | null;
}

export interface EntryRow {
  tenant_id: string;
  invoice_id: string;
  entry_date: string;
  kind: string;
  change: number;
  payment_id: string | null;
  reference: string | null;
}

export interface NoteRow {
  tenant_id: string;
  note_id: string;
  customer_id: string;
  invoice_id: string | null;
  author_id: string;
  text: string;
  created_at: string;
  edited_at: string | null;
}
