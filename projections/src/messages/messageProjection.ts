import { messageEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const MESSAGES = 'rm_messages';
export const MESSAGE_HISTORY = 'rm_message_history';
export const MESSAGE_DAYS = 'rm_message_days';

/** The status each event leaves a message in. */
const STATUS: Record<string, string> = {
  MessageQueued: 'queued',
  MessageRefused: 'refused',
  MessageRetryScheduled: 'retrying',
  MessageOutcomeUnknown: 'unknown',
  MessageDelivered: 'delivered',
  MessageOpened: 'opened',
  MessageBounced: 'bounced',
  MessageFailed: 'failed',
  MessageHeldForApproval: 'awaiting_approval',
  MessageApproved: 'queued',
  MessageRejected: 'rejected',
};
// A later report never takes a message back: opened stays opened when "delivered" arrives late.
const RANK: Record<string, number> = {
  queued: 0,
  awaiting_approval: 0,
  retrying: 0,
  rejected: 3,
  unknown: 1,
  accepted: 1,
  sent: 2,
  refused: 3,
  failed: 3,
  delivered: 4,
  bounced: 4,
  opened: 5,
};

function statusOf(type: string, d: { outcome?: string; decision?: string }): string {
  if (type === 'MessageSent') return d.outcome === 'unknown' ? 'unknown' : 'sent';
  if (type === 'MessageOutcomeResolved') return d.decision === 'sent' ? 'sent' : 'queued';
  return STATUS[type]!;
}

/** The day a message was queued on, in its company's time zone (its id in a column). */
const queuedDayOf = (createdAt: string, tenantColumn: string) => sql.fragment`
  (${sql.identifier([createdAt])} AT TIME ZONE coalesce(
    (SELECT time_zone FROM tenants WHERE id = ${sql.identifier([tenantColumn])}),
    'Europe/Warsaw'))::date`;

/**
 * The message log: each message with its latest status, and every step of its history; and,
 * for the dashboard, how many messages of each day are in each status by medium and channel
 * (`rm_message_days`, kept in the same statement as the status it counts; channel tests left
 * out). What a message says (its text and HTML) stays in its MessageQueued event, where the
 * log's routes read it: a copy here would be written again with every change of status.
 */
export const messageProjection: Projection = {
  name: 'messages',
  // 4: room left in each page, so a change of status (no indexed column) is a HOT update: a
  // message's row changes two or three times as it is sent and delivered. 5: without the
  // message's text and HTML, so each of those changes copies a short row. 6: no history row for
  // the queuing, which the message's own row records.
  version: 6,
  eventTypes: messageEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: MESSAGES,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          message_id uuid NOT NULL,
          medium text NOT NULL,
          channel text NOT NULL,
          account_id uuid,
          recipient text NOT NULL,
          subject text,
          purpose text NOT NULL,
          customer_id uuid,
          currency text,
          invoice_ids jsonb,
          template_id uuid,
          status text NOT NULL,
          status_rank integer NOT NULL,
          status_at timestamptz NOT NULL,
          detail text,
          provider_message_id text,
          created_at timestamptz NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, message_id)
        ) WITH (fillfactor = 70)`,
        sql.unsafe`CREATE INDEX ${t('by_time')} ON ${t()} (tenant_id, created_at DESC, message_id)`,
        sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()}
          (tenant_id, customer_id, created_at DESC)`,
        ...tenantOnly(t),
      ],
    },
    {
      name: MESSAGE_HISTORY,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          message_id uuid NOT NULL,
          version integer NOT NULL,
          status text NOT NULL,
          at timestamptz NOT NULL,
          detail text,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, message_id, version)
        )`,
        ...tenantOnly(t),
      ],
    },
    {
      name: MESSAGE_DAYS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          day date NOT NULL,
          medium text NOT NULL,
          channel text NOT NULL,
          status text NOT NULL,
          messages integer NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, day, medium, channel, status)
        )`,
        ...tenantOnly(t),
      ],
    },
  ],
  // Messages queued one after another (a collection run queues hundreds) go in with one
  // statement, the changes of status after them with another (each message once in a run, as
  // its next change depends on the one before), and the batch's history with one more.
  async apply(events, { tx, table }) {
    const days = table(MESSAGE_DAYS);
    const history: JsonRow[] = [];
    let queued: JsonRow[] = [];
    const flushQueued = async () => {
      if (queued.length === 0) return;
      await tx.query(sql.unsafe`
        WITH queued AS (
          INSERT INTO ${table(MESSAGES)} (tenant_id, message_id, medium, channel, account_id,
            recipient, subject, purpose, customer_id, currency, invoice_ids, template_id, status,
            status_rank, status_at, created_at)
          SELECT tenant_id, message_id, medium, channel, account_id, recipient, subject, purpose,
            customer_id, currency, invoice_ids, template_id, 'queued', 0, at, at
          FROM jsonb_to_recordset(${sql.jsonb(queued)}) AS q (tenant_id uuid, message_id uuid,
            medium text, channel text, account_id uuid, recipient text, subject text,
            purpose text, customer_id uuid, currency text, invoice_ids jsonb, template_id uuid,
            at timestamptz)
          ON CONFLICT DO NOTHING
          RETURNING tenant_id, created_at, medium, channel, purpose)
        INSERT INTO ${days} AS d (tenant_id, day, medium, channel, status, messages)
        SELECT tenant_id, ${queuedDayOf('created_at', 'tenant_id')}, medium, channel, 'queued',
          count(*)
        FROM queued WHERE purpose <> 'test' GROUP BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, day, medium, channel, status)
        DO UPDATE SET messages = d.messages + excluded.messages`);
      queued = [];
    };
    let changes: JsonRow[] = [];
    // The messages in `changes`, by company and message id.
    const changing = new Set<string>();
    const flushChanges = async () => {
      if (changes.length === 0) return;
      // Every part of the statement sees the rows as they were: `was` holds the statuses
      // before, and each day's count moves from the old status to the new.
      await tx.query(sql.unsafe`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${sql.jsonb(changes)}) AS i (tenant_id uuid,
            message_id uuid, status text, status_rank integer, at timestamptz, detail text,
            provider_message_id text, decided boolean)),
        was AS (
          SELECT m.tenant_id, m.message_id, m.status FROM ${table(MESSAGES)} m
          JOIN input USING (tenant_id, message_id)),
        changed AS (
          UPDATE ${table(MESSAGES)} m SET status = i.status, status_rank = i.status_rank,
            status_at = i.at, detail = i.detail,
            provider_message_id = coalesce(i.provider_message_id, m.provider_message_id)
          FROM input i
          WHERE m.tenant_id = i.tenant_id AND m.message_id = i.message_id
            AND (m.status_rank <= i.status_rank OR i.decided)
          RETURNING m.tenant_id, m.message_id, m.created_at, m.medium, m.channel, m.purpose,
            m.status)
        INSERT INTO ${days} AS d (tenant_id, day, medium, channel, status, messages)
        SELECT c.tenant_id, ${queuedDayOf('created_at', 'tenant_id')}, c.medium, c.channel,
          moved.status, sum(moved.messages)
        FROM changed c JOIN was w USING (tenant_id, message_id)
        CROSS JOIN LATERAL (VALUES (w.status, -1), (c.status, 1)) AS moved (status, messages)
        WHERE c.purpose <> 'test' AND c.status <> w.status
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (tenant_id, day, medium, channel, status)
        DO UPDATE SET messages = d.messages + excluded.messages`);
      changes = [];
      changing.clear();
    };
    for (const event of events) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const d = event.data as Record<string, any>;
      const tenant = event.tenantId;
      const at = d.at ?? event.metadata.occurredAt;
      if (event.type === 'MessageQueued') {
        await flushChanges();
        queued.push({
          tenant_id: tenant,
          message_id: d.messageId,
          medium: d.medium,
          channel: d.channel,
          account_id: d.accountId ?? null,
          recipient: d.to,
          subject: d.subject ?? null,
          purpose: d.purpose,
          customer_id: d.customerId ?? null,
          currency: d.currency ?? null,
          invoice_ids: d.invoiceIds ?? null,
          template_id: d.templateId ?? null,
          at,
        });
        continue;
      }
      const status = statusOf(event.type, d);
      // A person's decision on an unknown outcome stands over the ranks: "resend" takes the
      // message back to queued.
      const decided = event.type === 'MessageOutcomeResolved';
      const detail = d.reason ?? d.detail ?? (decided ? `decided: ${d.decision}` : null);
      // The queuing is the message's own row: its history holds what came after.
      history.push({
        tenant_id: tenant,
        message_id: d.messageId,
        version: event.streamVersion,
        status,
        at,
        detail,
      });
      await flushQueued();
      // A message appears once in a run of changes: its second change must see the first.
      if (changing.has(`${tenant}/${d.messageId}`)) await flushChanges();
      changing.add(`${tenant}/${d.messageId}`);
      changes.push({
        tenant_id: tenant,
        message_id: d.messageId,
        status,
        status_rank: RANK[status]!,
        at,
        detail,
        provider_message_id: d.providerMessageId ?? null,
        decided,
      });
    }
    await flushQueued();
    await flushChanges();
    if (history.length === 0) return;
    await tx.query(sql.unsafe`
      INSERT INTO ${table(MESSAGE_HISTORY)} (tenant_id, message_id, version, status, at, detail)
      SELECT * FROM jsonb_to_recordset(${sql.jsonb(history)}) AS h (tenant_id uuid,
        message_id uuid, version integer, status text, at timestamptz, detail text)
      ON CONFLICT DO NOTHING`);
  },
};

/** A row of `jsonb_to_recordset`, by column name. */
type JsonRow = Record<string, string | number | boolean | string[] | null>;
