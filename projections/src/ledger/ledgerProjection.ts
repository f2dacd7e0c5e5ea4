import { customerOfStream, ledgerEventTypes, type RecordedEvent } from '@monity/core';
import { sql, type DatabaseTransactionConnection, type IdentifierSqlToken } from 'slonik';
import type { ApplyContext, Projection } from '../projection.ts';
import type { CustomerRow, EntryRow, InvoiceRow, NoteRow, PaymentRow } from './ledgerRows.ts';
import { CUSTOMERS, ENTRIES, INVOICES, NOTES, PAYMENTS, ledgerTables } from './ledgerTables.ts';
import {
  CUSTOMER_COLUMNS,
  ENTRY_COLUMNS,
  INVOICE_COLUMNS,
  NOTE_COLUMNS,
  PAYMENT_COLUMNS,
} from './ledgerColumns.ts';
import { stampChangeMark } from './changeMarks.ts';
import { insertRows, upsertRows } from './tableWrites.ts';
import {
  LedgerAggregates,
  openInvoiceOf,
  type DayColumn,
  type OpenInvoice,
} from './ledgerAggregates.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

const key = (tenantId: string, id: string) => `${tenantId}/${id}`;

/**
 * Customers, invoices, payments, their dated entries and notes, from the customer account
 * streams. A batch is applied in memory first — the rows it touches loaded once, every event
 * applied in order — then written with one statement per table.
 */
export const ledgerProjection: Projection = {
  name: 'ledger',
  version: 5,
  eventTypes: ledgerEventTypes.map((definition) => definition.type),
  tables: ledgerTables,
  async apply(events, context) {
    const batch = new Batch(context);
    await batch.load(events);
    for (const event of events) batch.apply(event);
    await batch.write();
  },
};

class Batch {
  private readonly customers = new Map<string, CustomerRow>();
  private readonly invoices = new Map<string, InvoiceRow>();
  private readonly payments = new Map<string, PaymentRow>();
  private readonly notes = new Map<string, NoteRow>();
  private readonly deletedNotes: { tenant_id: string; note_id: string }[] = [];
  private readonly entries: EntryRow[] = [];
  private readonly aggregates = new LedgerAggregates();
  /** The loaded invoices' open amounts before the batch, to change the totals by the difference. */
  private readonly openBefore = new Map<string, OpenInvoice | null>();
  private readonly touched = {
    customers: new Set<string>(),
    invoices: new Set<string>(),
    payments: new Set<string>(),
    notes: new Set<string>(),
  };

  constructor(private readonly context: ApplyContext) {}

  /** Loads the rows the batch changes but does not create. */
  async load(events: RecordedEvent[]): Promise<void> {
    const wanted = {
      customers: new Map<string, [string, string]>(),
      invoices: new Map<string, [string, string]>(),
      payments: new Map<string, [string, string]>(),
      notes: new Map<string, [string, string]>(),
    };
    const created = new Set<string>();
    const want = (map: Map<string, [string, string]>, tenantId: string, id: string) => {
      const k = key(tenantId, id);
      if (!created.has(k)) map.set(k, [tenantId, id]);
    };
    for (const event of events) {
      const d = event.data as Validated;
      const t = event.tenantId;
      switch (event.type) {
        case 'CustomerRegistered':
          created.add(key(t, d.customerId));
          break;
        case 'InvoiceIssued':
          created.add(key(t, d.invoiceId));
          break;
        case 'PaymentRecorded':
          created.add(key(t, d.paymentId));
          want(wanted.customers, t, customerOfStream(event.streamId));
          break;
        case 'NoteAdded':
          created.add(key(t, d.noteId));
          break;
        case 'NoteEdited':
        case 'NoteDeleted':
          want(wanted.notes, t, d.noteId);
          break;
        case 'PaymentAllocated':
          want(wanted.payments, t, d.paymentId);
          for (const allocation of d.allocations) want(wanted.invoices, t, allocation.invoiceId);
          break;
        default:
          if (d.invoiceId) want(wanted.invoices, t, d.invoiceId);
          else if (d.customerId) want(wanted.customers, t, d.customerId);
      }
    }
    const { tx, table } = this.context;
    await loadInto(tx, table(CUSTOMERS), 'customer_id', wanted.customers, this.customers);
    await loadInto(tx, table(INVOICES), 'invoice_id', wanted.invoices, this.invoices);
    for (const [k, row] of this.invoices) this.openBefore.set(k, openInvoiceOf(row));
    await loadInto(tx, table(PAYMENTS), 'payment_id', wanted.payments, this.payments);
    await loadInto(tx, table(NOTES), 'note_id', wanted.notes, this.notes);
  }

  apply(event: RecordedEvent): void {
    const d = event.data as Validated;
    const t = event.tenantId;
    const customerId = customerOfStream(event.streamId);
    const day = event.metadata.occurredAt.slice(0, 10);
    switch (event.type) {
      case 'CustomerRegistered':
        return this.setCustomer(t, {
          tenant_id: t,
          customer_id: d.customerId,
          source_id: d.sourceId,
          name: d.name,
          tax_id: d.taxId ?? null,
          country: d.country,
          street: d.street ?? null,
          postal_code: d.postalCode ?? null,
          city: d.city ?? null,
          emails: [],
          phones: [],
          category_ids: [],
          attributes: {},
          excluded: false,
          exclusion_reason: null,
          last_payment_date: null,
          registered_at: event.metadata.occurredAt,
          change_mark: 0,
        });
      case 'CustomerDetailsChanged':
        return this.changeCustomer(t, customerId, (c) => {
          if ('name' in d) c.name = d.name;
          if ('taxId' in d) c.tax_id = d.taxId;
          if ('country' in d) c.country = d.country;
          if ('street' in d) c.street = d.street;
          if ('postalCode' in d) c.postal_code = d.postalCode;
          if ('city' in d) c.city = d.city;
        });
      case 'CustomerContactsChanged':
        return this.changeCustomer(t, customerId, (c) => {
          c.emails = d.emails;
          c.phones = d.phones;
        });
      case 'CustomerCategorised':
        return this.changeCustomer(t, customerId, (c) => void (c.category_ids = d.categoryIds));
      case 'CustomerAttributeSet':
        return this.changeCustomer(t, customerId, (c) => {
          c.attributes = { ...c.attributes, [d.attributeId]: d.value };
        });
      case 'CustomerExcludedFromCollection':
      case 'CustomerReturnedToCollection':
        return this.changeCustomer(t, customerId, (c) => {
          c.excluded = event.type === 'CustomerExcludedFromCollection';
          c.exclusion_reason = c.excluded ? (d.reason ?? null) : null;
        });
      case 'InvoiceIssued':
        this.aggregates.dayMoved(t, d.currency, d.issueDate, 'issued', d.amount);
        return this.setInvoice(t, {
          tenant_id: t,
          invoice_id: d.invoiceId,
          customer_id: customerId,
          source_id: d.sourceId,
          number: d.number,
          issue_date: d.issueDate,
          due_date: d.dueDate,
          currency: d.currency,
          amount: d.amount,
          corrected: 0,
          settled: 0,
          cancelled: false,
          change_mark: 0,
        });
      case 'InvoiceCorrected':
        this.changeInvoice(t, d.invoiceId, (i) => void (i.corrected += d.change));
        return this.entry(t, d.invoiceId, d.date, 'corrected', d.change, null, d.number ?? null);
      case 'InvoiceDueDateChanged':
        return this.changeInvoice(t, d.invoiceId, (i) => void (i.due_date = d.dueDate));
      case 'InvoiceSettledInErp':
      case 'InvoiceWrittenOff': {
        this.changeInvoice(t, d.invoiceId, (i) => void (i.settled += d.amount));
        const kind = event.type === 'InvoiceWrittenOff' ? 'written_off' : 'settled_in_erp';
        return this.entry(t, d.invoiceId, d.date, kind, -d.amount, null, d.reason ?? null);
      }
      case 'InvoiceCancelled': {
        const invoice = this.invoices.get(key(t, d.invoiceId));
        if (!invoice) return;
        const open = invoice.amount + invoice.corrected - invoice.settled;
        this.changeInvoice(t, d.invoiceId, (i) => void (i.cancelled = true));
        return this.entry(t, d.invoiceId, day, 'cancelled', -open, null, d.reason ?? null);
      }
      case 'PaymentRecorded':
        this.setPayment(t, {
          tenant_id: t,
          payment_id: d.paymentId,
          customer_id: customerId,
          source_id: d.sourceId,
          date: d.date,
          currency: d.currency,
          amount: d.amount,
          allocated: 0,
          reference: d.reference ?? null,
        });
        return this.changeCustomer(t, customerId, (c) => {
          if (!c.last_payment_date || c.last_payment_date < d.date) c.last_payment_date = d.date;
        });
      case 'PaymentAllocated':
        for (const { invoiceId, amount } of d.allocations as {
          invoiceId: string;
          amount: number;
        }[]) {
          this.changeInvoice(t, invoiceId, (i) => void (i.settled += amount));
          this.changePayment(t, d.paymentId, (p) => void (p.allocated += amount));
          this.entry(t, invoiceId, d.date, 'paid', -amount, d.paymentId, null);
        }
        return;
      case 'NoteAdded':
        return this.setNote(t, {
          tenant_id: t,
          note_id: d.noteId,
          customer_id: customerId,
          invoice_id: d.invoiceId ?? null,
          author_id: d.authorId,
          text: d.text,
          created_at: event.metadata.occurredAt,
          edited_at: null,
        });
      case 'NoteEdited': {
        const note = this.notes.get(key(t, d.noteId));
        if (!note) return;
        note.text = d.text;
        note.edited_at = event.metadata.occurredAt;
        this.touched.notes.add(key(t, d.noteId));
        return;
      }
      case 'NoteDeleted':
        this.notes.delete(key(t, d.noteId));
        this.touched.notes.delete(key(t, d.noteId));
        this.deletedNotes.push({ tenant_id: t, note_id: d.noteId });
        return;
    }
  }

  async write(): Promise<void> {
    const { tx, table } = this.context;
    const pick = <Row>(rows: Map<string, Row>, keys: Set<string>) =>
      [...keys].flatMap((k) => (rows.has(k) ? [rows.get(k)!] : []));
    const customerKey: (keyof CustomerRow)[] = ['tenant_id', 'customer_id'];
    const customers = pick(this.customers, this.touched.customers);
    const invoices = pick(this.invoices, this.touched.invoices);
    await stampChangeMark(tx, [...customers, ...invoices]);
    await upsertRows(tx, table(CUSTOMERS), CUSTOMER_COLUMNS, customerKey, customers);
    await upsertRows(tx, table(INVOICES), INVOICE_COLUMNS, ['tenant_id', 'invoice_id'], invoices);
    await upsertRows(
      tx,
      table(PAYMENTS),
      PAYMENT_COLUMNS,
      ['tenant_id', 'payment_id'],
      pick(this.payments, this.touched.payments),
    );
    await insertRows(tx, table(ENTRIES), ENTRY_COLUMNS, this.entries);
    for (const k of this.touched.invoices) {
      const row = this.invoices.get(k);
      this.aggregates.invoiceChanged(
        this.openBefore.get(k) ?? null,
        row ? openInvoiceOf(row) : null,
      );
    }
    await this.aggregates.write(tx, table);
    if (this.deletedNotes.length > 0) {
      await tx.query(sql.unsafe`
        DELETE FROM ${table(NOTES)} n USING unnest(
          ${sql.array(
            this.deletedNotes.map((n) => n.tenant_id),
            'uuid',
          )},
          ${sql.array(
            this.deletedNotes.map((n) => n.note_id),
            'uuid',
          )}) AS gone (tenant_id, note_id)
        WHERE n.tenant_id = gone.tenant_id AND n.note_id = gone.note_id`);
    }
    await upsertRows(
      tx,
      table(NOTES),
      NOTE_COLUMNS,
      ['tenant_id', 'note_id'],
      pick(this.notes, this.touched.notes),
    );
  }

  private setCustomer(t: string, row: CustomerRow) {
    this.customers.set(key(t, row.customer_id), row);
    this.touched.customers.add(key(t, row.customer_id));
  }
  private changeCustomer(t: string, id: string, change: (row: CustomerRow) => void) {
    const row = this.customers.get(key(t, id));
    if (!row) return;
    change(row);
    this.touched.customers.add(key(t, id));
  }
  private setInvoice(t: string, row: InvoiceRow) {
    this.invoices.set(key(t, row.invoice_id), row);
    this.touched.invoices.add(key(t, row.invoice_id));
  }
  private changeInvoice(t: string, id: string, change: (row: InvoiceRow) => void) {
    const row = this.invoices.get(key(t, id));
    if (!row) return;
    change(row);
    this.touched.invoices.add(key(t, id));
  }
  private setPayment(t: string, row: PaymentRow) {
    this.payments.set(key(t, row.payment_id), row);
    this.touched.payments.add(key(t, row.payment_id));
  }
  private changePayment(t: string, id: string, change: (row: PaymentRow) => void) {
    const row = this.payments.get(key(t, id));
    if (!row) return;
    change(row);
    this.touched.payments.add(key(t, id));
  }
  private setNote(t: string, row: NoteRow) {
    this.notes.set(key(t, row.note_id), row);
    this.touched.notes.add(key(t, row.note_id));
  }
  private entry(
    t: string,
    invoiceId: string,
    date: string,
    kind: string,
    change: number,
    paymentId: string | null,
    reference: string | null,
  ) {
    const currency = this.invoices.get(key(t, invoiceId))?.currency;
    const [column, sign] = DAY_COLUMN_OF_ENTRY[kind]!;
    if (currency) this.aggregates.dayMoved(t, currency, date, column, sign * change);
    this.entries.push({
      tenant_id: t,
      invoice_id: invoiceId,
      entry_date: date,
      kind,
      change,
      payment_id: paymentId,
      reference,
    });
  }
}

/** Which day total an entry moves, and with which sign (a payment's entry is negative). */
const DAY_COLUMN_OF_ENTRY: Record<string, [DayColumn, 1 | -1]> = {
  corrected: ['corrected', 1],
  paid: ['paid', -1],
  settled_in_erp: ['paid', -1],
  written_off: ['written_off', -1],
  cancelled: ['written_off', -1],
};

/** Reads existing rows by (tenant, id) into `into`, with amounts and dates as JS values. */
async function loadInto<Row>(
  tx: DatabaseTransactionConnection,
  table: IdentifierSqlToken,
  idColumn: string,
  wanted: Map<string, [string, string]>,
  into: Map<string, Row>,
): Promise<void> {
  if (wanted.size === 0) return;
  const pairs = [...wanted.values()];
  const id = sql.identifier([idColumn]);
  const { rows } = await tx.query(sql.unsafe`
    SELECT to_jsonb(r) AS row FROM ${table} r
    JOIN unnest(${sql.array(
      pairs.map((p) => p[0]),
      'uuid',
    )}, ${sql.array(
      pairs.map((p) => p[1]),
      'uuid',
    )})
      AS wanted (tenant_id, id) ON r.tenant_id = wanted.tenant_id AND r.${id} = wanted.id`);
  for (const { row } of rows as { row: Record<string, unknown> }[]) {
    into.set(key(row.tenant_id as string, row[idColumn] as string), row as Row);
  }
}
