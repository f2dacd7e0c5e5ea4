import { v7 as uuidv7 } from 'uuid';
import { eventOf, type CommandContext } from '../access/commandContext.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import type { ChannelAccounts } from '../channels/channelAccounts.ts';
import type { Medium } from '../plugins/index.ts';
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

/**
 * Sends one message now: queued as an event with what it says (so a provider's callback finds
 * it at once), handed to its channel, and the outcome recorded. A process that dies between
 * the hand-over and the record leaves the message queued: the scheduled dispatcher (issue 7)
 * will treat such messages as "outcome unknown"; this direct path is for test and manual sends.
 */
export class MessageSender {
  constructor(
    private readonly deps: {
      tenantDb: TenantDatabase;
      accounts: ChannelAccounts;
      publicUrl: string | undefined;
    },
  ) {}

  async send(command: CommandContext, tenantId: string, message: OutgoingMessage) {
    const { tenantDb, accounts } = this.deps;
    const messageId = uuidv7();
    const stream = messageStream(messageId);
    const route = await tenantDb.transaction({ tenantId }, async (tx) => {
      const found = await accounts.forSending(tx, message.medium, message.accountId);
      await tx.append(
        stream,
        [
          eventOf(command, tenantId, 'MessageQueued', {
            messageId,
            medium: message.medium,
            channel: found.channel.name,
            accountId: found.accountId,
            to: message.to,
            ...(message.subject ? { subject: message.subject } : {}),
            text: message.text,
            ...(message.html ? { html: message.html } : {}),
            ...message.about,
          }),
        ],
        'no_stream',
      );
      await tx.query(
        'INSERT INTO message_index (message_id, tenant_id, channel) VALUES ($1, $2, $3)',
        [messageId, tenantId, found.channel.name],
      );
      return found;
    });
    let outcome: SendOutcome;
    try {
      const result = await route.channel.send(
        {
          id: messageId,
          tenantId,
          medium: message.medium,
          to: message.to,
          ...(message.subject ? { subject: message.subject } : {}),
          body: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(this.deps.publicUrl ? { publicUrl: this.deps.publicUrl } : {}),
          ...(route.accountId ? { accountId: route.accountId } : {}),
        },
        route.settings,
      );
      outcome = { messageId, ...result };
    } catch (error) {
      outcome = { messageId, status: 'refused', reason: (error as Error).message.slice(0, 2000) };
    }
    await tenantDb.transaction({ tenantId }, async (tx) => {
      const event =
        outcome.status === 'refused'
          ? eventOf(command, tenantId, 'MessageRefused', { messageId, reason: outcome.reason })
          : eventOf(command, tenantId, 'MessageSent', {
              messageId,
              outcome: outcome.status,
              ...(outcome.providerMessageId
                ? { providerMessageId: outcome.providerMessageId }
                : {}),
            });
      // A provider's callback may have added a report meanwhile: the stream need only exist.
      await tx.append(stream, [event], 'stream_exists');
      if (outcome.status !== 'refused' && outcome.providerMessageId) {
        await tx.query('UPDATE message_index SET provider_message_id = $2 WHERE message_id = $1', [
          messageId,
          outcome.providerMessageId,
        ]);
      }
    });
    return outcome;
  }
}
