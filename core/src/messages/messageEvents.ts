import { eventType, type EventTypeDefinition } from '../eventStore/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const medium = { enum: ['email', 'sms', 'voice'] } as const;
const at = { type: 'string', format: 'date-time' } as const;

/** What a message was sent for, and about which debts: the link back to the ledger. */
const about = {
  purpose: { enum: ['test', 'manual', 'process'] },
  customerId: uuid,
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  invoiceIds: { type: 'array', items: uuid, maxItems: 1000 },
  templateId: uuid,
} as const;
const optionalAbout = ['customerId', 'currency', 'invoiceIds', 'templateId'];

const content = {
  messageId: uuid,
  medium,
  channel: text(100),
  accountId: { anyOf: [uuid, { type: 'null' }] },
  to: text(320),
  subject: text(998),
  text: text(100_000),
  html: text(1_000_000),
};

const report = { messageId: uuid, at, detail: text(2000) };
/** Which hand-over to the channel an outcome is of, counted from 1; absent on direct sends. */
const attempt = { type: 'integer', minimum: 1 } as const;

/**
 * A message's life, one stream per message (`message-<id>`): queued with what it says and to
 * whom, handed to its channel or refused there, then what the provider reported of it. The
 * text is kept: what a customer was told, and when, is part of the collection's record.
 *
 * Through the outbox (docs/messages.md, Dispatch) a message may also be retried after a
 * refusal that sent nothing, be left with its outcome unknown when the dispatcher lost track
 * of a hand-over, and have that outcome decided by a person.
 */
export const messageEventTypes: EventTypeDefinition[] = [
  eventType('MessageQueued', { ...content, ...about }, ['subject', 'html', ...optionalAbout]),
  eventType(
    'MessageSent',
    {
      messageId: uuid,
      outcome: { enum: ['sent', 'queued', 'unknown'] },
      providerMessageId: text(500),
      attempt,
    },
    ['providerMessageId', 'attempt'],
  ),
  eventType('MessageRefused', { messageId: uuid, reason: text(2000), attempt }, ['attempt']),
  eventType('MessageRetryScheduled', { messageId: uuid, attempt, reason: text(2000), retryAt: at }),
  eventType('MessageOutcomeUnknown', { messageId: uuid, attempt, reason: text(2000) }),
  eventType('MessageOutcomeResolved', { messageId: uuid, decision: { enum: ['sent', 'resend'] } }),
  // A collection step a collector approves: queued, but out of the outbox until approved.
  eventType('MessageHeldForApproval', { messageId: uuid, notBefore: at }),
  eventType('MessageApproved', { messageId: uuid }),
  eventType('MessageRejected', { messageId: uuid, reason: text(2000) }, ['reason']),
  eventType('MessageDelivered', report, ['detail']),
  eventType('MessageOpened', report, ['detail']),
  eventType('MessageBounced', report, ['detail']),
  eventType('MessageFailed', report, ['detail']),
];

export const messageStream = (messageId: string) => `message-${messageId}`;

/** The event type of each delivery status a provider reports. */
export const REPORT_EVENTS = {
  delivered: 'MessageDelivered',
  opened: 'MessageOpened',
  bounced: 'MessageBounced',
  failed: 'MessageFailed',
} as const;
