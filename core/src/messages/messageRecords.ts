import { v7 as uuidv7 } from 'uuid';
import { eventOf, type CommandContext } from '../access/commandContext.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import type { ChannelAccounts } from '../channels/channelAccounts.ts';
import type { ChannelMessage, Medium } from '../plugins/index.ts';
import { messageStream } from './messageEvents.ts';

export interface OutgoingMessage {
  medium: Medium;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** The account to send through; the company's default for the medium when left out. */
  accountId?: string;
  about: {
    purpose: 'test' | 'manual' | 'process';
    customerId?: string;
    currency?: string;
    invoiceIds?: string[];
    templateId?: string;
  };
}

export type SendOutcome =
  | { messageId: string; status: 'sent' | 'queued' | 'unknown'; providerMessageId?: string }
  | { messageId: string; status: 'refused'; reason: string };

/** What a message leaves with, as its MessageQueued event keeps it. */
export interface QueuedContent {
  medium: Medium;
  to: string;
  subject?: string;
  text: string;
  html?: string;
}

/**
 * Records a new message as queued, with what it says and through which account it leaves, and
 * indexes it so a provider's callback finds it at once. A `messageId` given twice fails with
 * the event store's ConcurrencyError: its stream exists.
 */
export async function queueMessage(
  tx: TenantTransaction,
  accounts: ChannelAccounts,
  command: CommandContext,
  tenantId: string,
  message: OutgoingMessage,
  messageId: string = uuidv7(),
) {
  const route = await accounts.forSending(tx, message.medium, message.accountId);
  const event = queuedEvent(command, tenantId, messageId, message, route);
  await tx.append(messageStream(messageId), [event], 'no_stream');
  await indexMessages(tx, tenantId, [{ messageId, channel: route.channel.name }]);
  return { messageId, route };
}

/** The one place MessageQueued is built: what the message says and where it leaves through. */
export function queuedEvent(
  command: CommandContext,
  tenantId: string,
  messageId: string,
  message: OutgoingMessage,
  route: { accountId: string | null; channel: { name: string } },
) {
  return eventOf(command, tenantId, 'MessageQueued', {
    messageId,
    medium: message.medium,
    channel: route.channel.name,
    accountId: route.accountId,
    to: message.to,
    ...(message.subject ? { subject: message.subject } : {}),
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...message.about,
  });
}

/** Index rows for new messages, so a provider's callback finds each one's company. */
export async function indexMessages(
  tx: TenantTransaction,
  tenantId: string,
  messages: { messageId: string; channel: string }[],
) {
  await tx.query(
    `INSERT INTO message_index (message_id, tenant_id, channel)
     SELECT id, $1, channel FROM unnest($2::uuid[], $3::text[]) AS m (id, channel)`,
    [tenantId, messages.map((m) => m.messageId), messages.map((m) => m.channel)],
  );
}

/** The message a channel is handed. */
export function channelMessageOf(
  messageId: string,
  tenantId: string,
  content: QueuedContent,
  accountId: string | null,
  publicUrl: string | undefined,
): ChannelMessage {
  return {
    id: messageId,
    tenantId,
    medium: content.medium,
    to: content.to,
    ...(content.subject ? { subject: content.subject } : {}),
    body: content.text,
    ...(content.html ? { html: content.html } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

/** A channel's answer as an outcome: a rejection means the message was certainly not sent. */
export async function handOver(
  channelSend: () => Promise<{ status: 'sent' | 'queued' | 'unknown'; providerMessageId?: string }>,
  messageId: string,
): Promise<SendOutcome> {
  try {
    return { messageId, ...(await channelSend()) };
  } catch (error) {
    return { messageId, status: 'refused', reason: reasonOf(error) };
  }
}

export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

/**
 * Appends what became of hand-overs (MessageSent or MessageRefused), a few statements for any
 * number of them, and keeps the providers' ids of the messages for their callbacks. A callback
 * may have added a report meanwhile: a message's stream need only exist.
 */
export async function recordOutcomes(
  tx: TenantTransaction,
  command: CommandContext,
  tenantId: string,
  outcomes: { outcome: SendOutcome; attempt?: number }[],
) {
  await tx.appendMany(
    outcomes.map(({ outcome, attempt }) => ({
      streamId: messageStream(outcome.messageId),
      events: [outcomeEvent(command, tenantId, outcome, attempt)],
      expectedVersion: 'stream_exists',
    })),
  );
  const known = outcomes.flatMap(({ outcome }) =>
    outcome.status !== 'refused' && outcome.providerMessageId
      ? [{ id: outcome.messageId, providerId: outcome.providerMessageId }]
      : [],
  );
  if (known.length === 0) return;
  await tx.query(
    `UPDATE message_index i SET provider_message_id = k.provider_id
     FROM unnest($1::uuid[], $2::text[]) AS k (id, provider_id) WHERE i.message_id = k.id`,
    [known.map((k) => k.id), known.map((k) => k.providerId)],
  );
}

function outcomeEvent(
  command: CommandContext,
  tenantId: string,
  outcome: SendOutcome,
  attempt: number | undefined,
) {
  const { messageId } = outcome;
  const counted = attempt ? { attempt } : {};
  return outcome.status === 'refused'
    ? eventOf(command, tenantId, 'MessageRefused', {
        messageId,
        reason: outcome.reason,
        ...counted,
      })
    : eventOf(command, tenantId, 'MessageSent', {
        messageId,
        outcome: outcome.status,
        ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}),
        ...counted,
      });
}
