import type { RecordedEvent } from '@monity/core';
import { sql, type DatabaseTransactionConnection, type IdentifierSqlToken } from 'slonik';
import { addToRows, type Column } from '../ledger/tableWrites.ts';
import type { ApplyContext, Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

const REMINDER_OPEN = 'rm_reminder_open';
const REMINDER_INVOICES = 'rm_reminder_invoices';
export const REMINDER_DAYS = 'rm_reminder_days';
export const REMINDER_PAID = 'rm_reminder_paid';

/** The longest window after a reminder that is kept: the largest N the dashboard answers. */
export const MAX_PAID_WITHIN = 90;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
type Validated = Record<string, any>;

/** The events that take money off an invoice (and what they change of its open amount). */
const LEDGER_EVENTS = [
  'InvoiceIssued',
  'InvoiceCorrected',
  'InvoiceSettledInErp',
  'InvoiceWrittenOff',
  'InvoiceCancelled',
  'PaymentAllocated',
];
/** The events from which a message counts as sent: its channel took it, or a provider said so. */
const SENT_EVENTS = [
  'MessageSent',
  'MessageOutcomeResolved',
  'MessageDelivered',
  'MessageOpened',
  'MessageBounced',
  'MessageFailed',
];
/** The events that end a message unsent: a sending shown after one of them is not counted. */
const UNSENT_EVENTS = ['MessageRefused', 'MessageRejected'];

/**
 * Reminders and the money paid after them, for "paid within N days after a reminder"
 * (docs/analytics.md). A reminder is a collection message (a process's step or one sent by
 * hand) naming invoices; when it is sent, the open amount of each of its invoices is stored as
 * the amount reminded, and every payment allocated to one of them afterwards is counted
 * against it, up to that amount, by the days between the sending and the payment's date.
 *
 * Projections do not read each other's tables (each follows the log at its own pace), so the
 * invoices' open amounts are kept here too (`rm_reminder_open`): the amount reminded is the
 * one the ledger had reached at the message's place in the log. What a message is about, and
 * whether it was refused or rejected first, is read from its own stream in the log when it is
 * sent: those events come before the sending in the stream, so a rebuild reads the same. A
 * reminder's invoices are written once, when it is sent; messages never sent write nothing.
 *
 * - `rm_reminder_invoices`: each sent reminder's invoices, its day of sending in the company's
 *   time zone, the amount reminded and what of it no later payment has covered yet.
 * - `rm_reminder_days`: per day of sending and currency, the reminders and the amount reminded.
 * - `rm_reminder_paid`: per day of sending, currency and days from the sending to the payment
 *   (0 to MAX_PAID_WITHIN), the amount paid. The dashboard sums these two over the period.
 */
export const reminderProjection: Projection = {
  name: 'reminder_payments',
  version: 2,
  eventTypes: [...LEDGER_EVENTS, ...SENT_EVENTS],
  tables: [
    {
      name: REMINDER_OPEN,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          invoice_id uuid NOT NULL,
          currency text NOT NULL,
          total bigint NOT NULL,
          cancelled boolean NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, invoice_id)
        )`,
        ...tenantOnly(t),
      ],
    },
    {
      name: REMINDER_INVOICES,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          message_id uuid NOT NULL,
          invoice_id uuid NOT NULL,
          currency text NOT NULL,
          sent_day date NOT NULL,
          reminded bigint NOT NULL,
          unpaid bigint NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, message_id, invoice_id)
        )`,
        // A payment looks up the reminders of its invoice that it may still count for.
        sql.unsafe`CREATE INDEX ${t('unpaid')} ON ${t()} (tenant_id, invoice_id)
          WHERE unpaid > 0`,
        ...tenantOnly(t),
      ],
    },
    {
      name: REMINDER_DAYS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          sent_day date NOT NULL,
          currency text NOT NULL,
          reminders integer NOT NULL,
          reminded bigint NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, sent_day, currency)
        )`,
        ...tenantOnly(t),
      ],
    },
    {
      name: REMINDER_PAID,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          sent_day date NOT NULL,
          currency text NOT NULL,
          days_after integer NOT NULL,
          paid bigint NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, sent_day, currency, days_after)
        )`,
        ...tenantOnly(t),
      ],
    },
  ],
  async apply(events, context) {
    // Ledger events come in runs of thousands (an import), sendings in runs of hundreds (a
    // dispatcher records a batch at a time): each run is written with a few statements before
    // an event of the other kind, so each statement sees what the events before it left.
    const run = new LedgerRun(context);
    const sent = new SentReminders(context);
    for (const event of events) {
      if (LEDGER_EVENTS.includes(event.type)) {
        await sent.flush();
        run.add(event);
      } else if (showsSent(event, event.data as Validated)) {
        await run.flush();
        sent.add(event);
      }
    }
    await run.flush();
    await sent.flush();
  },
};

interface OpenChange {
  tenant: string;
  invoice: string;
  /** Set when the run issued the invoice: then it is inserted, otherwise changed. */
  currency?: string;
  total: number;
  cancelled: boolean;
}

interface Payment {
  tenant: string;
  invoice: string;
  date: string;
  amount: number;
}

interface ReminderRow {
  tenant_id: string;
  message_id: string;
  invoice_id: string;
  currency: string;
  sent_day: string;
  unpaid: number;
}

interface PaidRow {
  tenant_id: string;
  sent_day: string;
  currency: string;
  days_after: number;
  paid: number;
}

const PAID_COLUMNS: Column<PaidRow>[] = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'sent_day', type: 'date' },
  { name: 'currency', type: 'text' },
  { name: 'days_after', type: 'int8' },
  { name: 'paid', type: 'int8' },
];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** A run of ledger events: open amounts changed, and payments made, in the log's order. */
class LedgerRun {
  private readonly open = new Map<string, OpenChange>();
  private payments: Payment[] = [];

  constructor(private readonly context: ApplyContext) {}

  add(event: RecordedEvent): void {
    const d = event.data as Validated;
    const t = event.tenantId;
    switch (event.type) {
      case 'InvoiceIssued':
        this.open.set(`${t}/${d.invoiceId}`, {
          tenant: t,
          invoice: d.invoiceId,
          currency: d.currency,
          total: d.amount,
          cancelled: false,
        });
        return;
      case 'InvoiceCorrected':
        return this.change(t, d.invoiceId, d.change);
      case 'InvoiceWrittenOff':
        return this.change(t, d.invoiceId, -d.amount);
      case 'InvoiceCancelled':
        return this.change(t, d.invoiceId, 0, true);
      case 'InvoiceSettledInErp':
        this.change(t, d.invoiceId, -d.amount);
        this.payments.push({ tenant: t, invoice: d.invoiceId, date: d.date, amount: d.amount });
        return;
      case 'PaymentAllocated':
        for (const { invoiceId, amount } of d.allocations as Validated[]) {
          this.change(t, invoiceId, -amount);
          this.payments.push({ tenant: t, invoice: invoiceId, date: d.date, amount });
        }
        return;
    }
  }

  private change(tenant: string, invoice: string, total: number, cancelled = false) {
    const key = `${tenant}/${invoice}`;
    const change = this.open.get(key) ?? { tenant, invoice, total: 0, cancelled: false };
    change.total += total;
    change.cancelled ||= cancelled;
    this.open.set(key, change);
  }

  async flush(): Promise<void> {
    const { tx, table } = this.context;
    const changes = [...this.open.values()];
    const issued = changes.filter((c) => c.currency !== undefined);
    const changed = changes.filter((c) => c.currency === undefined);
    if (issued.length > 0) {
      await tx.query(sql.unsafe`
        INSERT INTO ${table(REMINDER_OPEN)} (tenant_id, invoice_id, currency, total, cancelled)
        SELECT * FROM unnest(${sql.array(
          issued.map((c) => c.tenant),
          'uuid',
        )}, ${sql.array(
          issued.map((c) => c.invoice),
          'uuid',
        )}, ${sql.array(
          issued.map((c) => c.currency!),
          'text',
        )}, ${sql.array(
          issued.map((c) => String(c.total)),
          'int8',
        )}, ${sql.array(
          issued.map((c) => c.cancelled),
          'bool',
        )})
        ON CONFLICT DO NOTHING`);
    }
    if (changed.length > 0) {
      await tx.query(sql.unsafe`
        UPDATE ${table(REMINDER_OPEN)} o
        SET total = o.total + c.total, cancelled = o.cancelled OR c.cancelled
        FROM unnest(${sql.array(
          changed.map((c) => c.tenant),
          'uuid',
        )}, ${sql.array(
          changed.map((c) => c.invoice),
          'uuid',
        )}, ${sql.array(
          changed.map((c) => String(c.total)),
          'int8',
        )}, ${sql.array(
          changed.map((c) => c.cancelled),
          'bool',
        )}) AS c (tenant_id, invoice_id, total, cancelled)
        WHERE o.tenant_id = c.tenant_id AND o.invoice_id = c.invoice_id`);
    }
    this.open.clear();
    const payments = this.payments;
    this.payments = [];
    if (payments.length > 0) await countPayments(tx, table, payments);
  }
}

/**
 * Counts payments against the sent reminders of their invoices, in the log's order: each takes
 * what it can of the amount a reminder left unpaid, and what it takes is counted by the days
 * from the reminder's sending to the payment's date — unless the payment is dated before the
 * reminder, or more than MAX_PAID_WITHIN days after it.
 */
async function countPayments(
  tx: DatabaseTransactionConnection,
  table: (name: string) => IdentifierSqlToken,
  payments: Payment[],
) {
  const wanted = [...new Map(payments.map((p) => [`${p.tenant}/${p.invoice}`, p])).values()];
  const { rows } = await tx.query(sql.unsafe`
    SELECT r.tenant_id, r.message_id, r.invoice_id, r.currency, r.sent_day::text AS sent_day,
      r.unpaid::int8 AS unpaid
    FROM ${table(REMINDER_INVOICES)} r
    JOIN unnest(${sql.array(
      wanted.map((p) => p.tenant),
      'uuid',
    )}, ${sql.array(
      wanted.map((p) => p.invoice),
      'uuid',
    )}) AS w (tenant_id, invoice_id)
      ON r.tenant_id = w.tenant_id AND r.invoice_id = w.invoice_id
    WHERE r.unpaid > 0
    ORDER BY r.sent_day, r.message_id`);
  if (rows.length === 0) return;
  const reminders = new Map<string, ReminderRow[]>();
  for (const row of rows as unknown as ReminderRow[]) {
    row.unpaid = Number(row.unpaid);
    const key = `${row.tenant_id}/${row.invoice_id}`;
    reminders.set(key, [...(reminders.get(key) ?? []), row]);
  }
  const touched = new Set<ReminderRow>();
  const paid = new Map<string, PaidRow>();
  for (const payment of payments) {
    for (const reminder of reminders.get(`${payment.tenant}/${payment.invoice}`) ?? []) {
      const counted = Math.min(payment.amount, reminder.unpaid);
      if (counted <= 0) continue;
      reminder.unpaid -= counted;
      touched.add(reminder);
      const after = daysBetween(reminder.sent_day, payment.date);
      if (after < 0 || after > MAX_PAID_WITHIN) continue;
      const key = `${reminder.tenant_id}/${reminder.sent_day}/${reminder.currency}/${after}`;
      const row = paid.get(key) ?? {
        tenant_id: reminder.tenant_id,
        sent_day: reminder.sent_day,
        currency: reminder.currency,
        days_after: after,
        paid: 0,
      };
      row.paid += counted;
      paid.set(key, row);
    }
  }
  const changed = [...touched];
  if (changed.length > 0) {
    await tx.query(sql.unsafe`
      UPDATE ${table(REMINDER_INVOICES)} r SET unpaid = c.unpaid
      FROM unnest(${sql.array(
        changed.map((r) => r.tenant_id),
        'uuid',
      )}, ${sql.array(
        changed.map((r) => r.message_id),
        'uuid',
      )}, ${sql.array(
        changed.map((r) => r.invoice_id),
        'uuid',
      )}, ${sql.array(
        changed.map((r) => String(r.unpaid)),
        'int8',
      )}) AS c (tenant_id, message_id, invoice_id, unpaid)
      WHERE r.tenant_id = c.tenant_id AND r.message_id = c.message_id
        AND r.invoice_id = c.invoice_id`);
  }
  await addToRows(
    tx,
    table(REMINDER_PAID),
    PAID_COLUMNS,
    ['tenant_id', 'sent_day', 'currency', 'days_after'],
    [...paid.values()],
  );
}

/** Whether an event of a message shows that its channel took it. */
function showsSent(event: RecordedEvent, d: Validated): boolean {
  if (event.type === 'MessageSent') return d.outcome !== 'unknown';
  if (event.type === 'MessageOutcomeResolved') return d.decision === 'sent';
  return SENT_EVENTS.includes(event.type);
}

/**
 * Messages sent one after another, written in one statement: each reminder's invoices, read
 * from its MessageQueued event, with the day of sending and the amount reminded, and the days'
 * counts. Sent once: the first event that shows it fixes the day and the amounts reminded; a
 * message refused or rejected before it is not a reminder.
 */
class SentReminders {
  private sent = new Map<
    string,
    { tenant: string; message: string; at: string; version: number }
  >();

  constructor(private readonly context: ApplyContext) {}

  add(event: RecordedEvent) {
    const d = event.data as Validated;
    const key = `${event.tenantId}/${d.messageId}`;
    if (this.sent.has(key)) return;
    this.sent.set(key, {
      tenant: event.tenantId,
      message: d.messageId,
      at: d.at ?? event.metadata.occurredAt,
      version: event.streamVersion,
    });
  }

  async flush() {
    if (this.sent.size === 0) return;
    const { tx, table } = this.context;
    const rows = [...this.sent.values()];
    this.sent.clear();
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
    await tx.query(sql.unsafe`
      WITH s AS (
        SELECT s.tenant_id, s.message_id, 'message-' || s.message_id AS stream_id, s.version,
          (s.at AT TIME ZONE coalesce(t.time_zone, 'Europe/Warsaw'))::date AS sent_day
        FROM unnest(${sql.array(column('tenant'), 'uuid')}, ${sql.array(column('message'), 'uuid')},
          ${sql.array(column('at'), 'timestamptz')}, ${sql.array(column('version'), 'int4')})
          AS s (tenant_id, message_id, at, version)
        LEFT JOIN tenants t ON t.id = s.tenant_id),
      -- Each message's stream before the sending, read by its key: what the message is about,
      -- and whether it ended unsent first.
      queued AS (
        SELECT s.*, q.about ->> 'currency' AS currency, q.about -> 'invoiceIds' AS invoice_ids
        FROM s CROSS JOIN LATERAL (
          SELECT (array_agg(e.data) FILTER (WHERE e.type = 'MessageQueued'))[1]::jsonb AS about,
            bool_or(e.type IN (${sql.join(UNSENT_EVENTS, sql.fragment`, `)})) AS ended
          FROM events e
          WHERE e.tenant_id = s.tenant_id AND e.stream_id = s.stream_id
            AND e.stream_version < s.version) q
        WHERE q.about ->> 'purpose' IN ('process', 'manual') AND NOT q.ended),
      invoices AS (
        SELECT q.tenant_id, q.message_id, i.invoice_id, q.sent_day,
          coalesce(o.currency, q.currency) AS currency,
          CASE WHEN o.cancelled THEN 0 ELSE greatest(coalesce(o.total, 0), 0) END AS open
        FROM queued q
        CROSS JOIN LATERAL (SELECT DISTINCT value::uuid AS invoice_id
          FROM jsonb_array_elements_text(q.invoice_ids)) i
        -- A lookup per invoice: joined, PostgreSQL would hash every open invoice for a batch.
        LEFT JOIN LATERAL (SELECT o.currency, o.total, o.cancelled FROM ${table(REMINDER_OPEN)} o
          WHERE o.tenant_id = q.tenant_id AND o.invoice_id = i.invoice_id LIMIT 1) o ON true),
      sent AS (
        INSERT INTO ${table(REMINDER_INVOICES)} AS r (tenant_id, message_id, invoice_id, currency,
          sent_day, reminded, unpaid)
        SELECT tenant_id, message_id, invoice_id, currency, sent_day, open, open
        FROM invoices WHERE currency IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING r.tenant_id, r.message_id, r.sent_day, r.currency, r.reminded)
      INSERT INTO ${table(REMINDER_DAYS)} AS days (tenant_id, sent_day, currency, reminders,
        reminded)
      SELECT tenant_id, sent_day, currency, count(DISTINCT message_id), sum(reminded)
      FROM sent GROUP BY tenant_id, sent_day, currency
      ON CONFLICT (tenant_id, sent_day, currency) DO UPDATE
      SET reminders = days.reminders + excluded.reminders,
        reminded = days.reminded + excluded.reminded`);
  }
}
