import {
  defineRoute,
  inPrincipalTenant,
  NotFoundError,
  type JsonSchema,
  type RouteDefinition,
} from '@monity/core';
import { pageBy, pageOf, QueryParts } from '../ledger/keyset.ts';
import { MESSAGE_HISTORY, MESSAGES } from './messageProjection.ts';

interface MessageRow {
  message_id: string;
  medium: string;
  channel: string;
  account_id: string | null;
  recipient: string;
  subject: string | null;
  purpose: string;
  customer_id: string | null;
  currency: string | null;
  template_id: string | null;
  status: string;
  status_at: string;
  detail: string | null;
  created_at: string;
  sort_value: string;
}

const COLUMNS = `m.message_id, m.medium, m.channel, m.account_id, m.recipient, m.subject,
  m.purpose, m.customer_id, m.currency, m.template_id, m.status, m.detail,
  to_json(m.status_at) #>> '{}' AS status_at, to_json(m.created_at) #>> '{}' AS created_at`;

const toItem = (row: MessageRow) => ({
  id: row.message_id,
  medium: row.medium,
  channel: row.channel,
  accountId: row.account_id,
  to: row.recipient,
  subject: row.subject,
  purpose: row.purpose,
  customerId: row.customer_id,
  currency: row.currency,
  templateId: row.template_id,
  status: row.status,
  statusAt: row.status_at,
  detail: row.detail,
  createdAt: row.created_at,
});

interface MessagesQuery {
  status?: string;
  medium?: string;
  customerId?: string;
  purpose?: string;
  after?: string;
  limit: number;
}

const STATUSES = [
  'awaiting_approval',
  'rejected',
  'queued',
  'retrying',
  'sent',
  'unknown',
  'refused',
  'delivered',
  'opened',
  'bounced',
  'failed',
];

const list = defineRoute<unknown, MessagesQuery>({
  method: 'GET',
  path: '/api/messages',
  operationId: 'listMessages',
  summary: 'The message log, newest first, with each message’s latest status',
  tags: ['channels'],
  access: 'ledger.read',
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { enum: STATUSES },
      medium: { enum: ['email', 'sms', 'voice'] },
      customerId: { type: 'string', format: 'uuid' },
      purpose: { enum: ['test', 'manual', 'process'] },
      after: { type: 'string', maxLength: 500 },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  } as JsonSchema<MessagesQuery>,
  responses: { 200: { description: 'One page of messages and the cursor of the next' } },
  handler: (ctx, { query }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const parts = new QueryParts();
      parts.when(`m.tenant_id = ${parts.param(tenantId)}`);
      for (const [column, value] of [
        ['status', query.status],
        ['medium', query.medium],
        ['customer_id', query.customerId],
        ['purpose', query.purpose],
      ] as const) {
        if (value) parts.when(`m.${column} = ${parts.param(value)}`);
      }
      // Message ids are UUID v7: ordered by when they were made.
      const { orderBy, value } = pageBy(
        parts,
        { expression: 'm.message_id::text', type: 'text', descending: true },
        'm.message_id',
        query.after,
      );
      const { rows } = await tx.query<MessageRow>(
        `SELECT ${COLUMNS}, ${value} AS sort_value FROM ${MESSAGES} m
         WHERE ${parts.where.join(' AND ')} ORDER BY ${orderBy}
         LIMIT ${parts.param(query.limit + 1)}`,
        parts.values,
      );
      return pageOf(rows, query.limit, (row) => row.message_id, toItem);
    }),
});

const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};

const show = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/messages/:id',
  operationId: 'getMessage',
  summary: 'A message as it was sent, with every status it went through',
  tags: ['channels'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The message and its history' } },
  handler: (ctx, { params }) =>
    inPrincipalTenant(ctx, async (tx) => {
      // What the message says is read from its MessageQueued event, not kept in the log.
      const { rows } = await tx.query<MessageRow & { body: string; html: string | null }>(
        `SELECT ${COLUMNS}, e.data->>'text' AS body, e.data->>'html' AS html
         FROM ${MESSAGES} m
         JOIN events e ON e.tenant_id = m.tenant_id AND e.stream_id = 'message-' || m.message_id
           AND e.type = 'MessageQueued'
         WHERE m.message_id = $1`,
        [params.id],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError('No such message');
      const history = await tx.query<{ status: string; at: string; detail: string | null }>(
        `SELECT status, to_json(at) #>> '{}' AS at, detail FROM ${MESSAGE_HISTORY}
         WHERE message_id = $1 ORDER BY version`,
        [params.id],
      );
      // The queuing is the message's own row, not a row of its history.
      const queued = { status: 'queued', at: row.created_at, detail: null };
      return { ...toItem(row), text: row.body, html: row.html, history: [queued, ...history.rows] };
    }),
});

export const messageRoutes: RouteDefinition[] = [list, show];
