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
 * Appends what became of a hand-over (MessageSent or MessageRefused) and keeps the provider's
 * id of the message for its callbacks. A callback may have added a report meanwhile: the
 * stream need only exist.
 */
export async function recordOutcome(
  tx: TenantTransaction,
  command: CommandContext,
  tenantId: string,
  outcome: SendOutcome,
  attempt?: number,
) {
  const { messageId } = outcome;
  const counted = attempt ? { attempt } : {};
  const event =
    outcome.status === 'refused'
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
  await tx.append(messageStream(messageId), [event], 'stream_exists');
  if (outcome.status !== 'refused' && outcome.providerMessageId) {
    await tx.query('UPDATE message_index SET provider_message_id = $2 WHERE message_id = $1', [
      messageId,
      outcome.providerMessageId,
    ]);
  }
}
