/**
 * The records an ERP hands to Monity: by the bulk API, by an import job, or made from a file's
 * rows by a column mapping. Each is keyed by the id it has in the source system, so loading the
 * same ledger again updates what changed and leaves the rest alone.
 *
 * Amounts are decimal strings in the currency's major unit ("1234.56"): JSON numbers are
 * binary floating point and cannot carry every grosz exactly.
 */

export interface CustomerRecord {
  /** The customer's id in the source system (ERP). */
  id: string;
  name: string;
  /** A Polish NIP (checked), or a foreign tax id when `country` is not PL. */
  taxId?: string;
  /** ISO 3166-1 alpha-2; PL when left out. */
  country?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  emails?: string[];
  /** Any common notation; stored in E.164. Numbers without a country code are read as `country`. */
  phones?: string[];
  /** Category names; a name the tenant has not defined yet is refused. */
  categories?: string[];
  /** Attribute values by attribute name, as text; read according to the attribute's type. */
  attributes?: Record<string, string>;
  /** Left out of collection: no reminders go to the customer while set. */
  excluded?: boolean;
}

export interface InvoiceRecord {
  /** The invoice's id in the source system; often its number. */
  id: string;
  number: string;
  /** The source id of the customer the invoice was issued to. */
  customerId: string;
  /** ISO date, YYYY-MM-DD. */
  issueDate: string;
  dueDate: string;
  /** ISO 4217. */
  currency: string;
  /** Gross amount, decimal string. */
  amount: string;
  /**
   * What is left to pay according to the source system, when it keeps the balance and not the
   * payments. Monity records the difference as settled in the ERP on `balanceDate`.
   */
  openAmount?: string;
  /** The day `openAmount` holds for; the import's day when left out. */
  balanceDate?: string;
  /** Set for a credit note: the source id of the invoice it corrects; `amount` is the change. */
  corrects?: string;
  cancelled?: boolean;
}

export interface PaymentRecord {
  id: string;
  customerId: string;
  /** The day the money arrived, YYYY-MM-DD. */
  date: string;
  currency: string;
  amount: string;
  /** The transfer title or bank reference. */
  reference?: string;
  /** Explicit allocation to invoices (by source id); left out, the oldest due invoices first. */
  allocations?: { invoiceId: string; amount: string }[];
}

export interface LedgerBatch {
  customers?: CustomerRecord[];
  invoices?: InvoiceRecord[];
  payments?: PaymentRecord[];
}

export type RecordKind = 'customer' | 'invoice' | 'payment';

/** One line of an import job's NDJSON body. */
export type LedgerRecordLine =
  | ({ kind: 'customer' } & CustomerRecord)
  | ({ kind: 'invoice' } & InvoiceRecord)
  | ({ kind: 'payment' } & PaymentRecord);
