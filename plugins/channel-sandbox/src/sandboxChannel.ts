import type { Channel, ChannelMessage } from '@monity/core';
import DataLoader from 'dataloader';
import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * Keeps each message instead of delivering it. It writes through the server's own pool, not
 * the application role's, because messages of no tenant (password resets) are kept too.
 * Messages handed over at the same moment (a dispatcher's batch) are kept with one insert,
 * so a collection run pays one commit per batch, not one per message: DataLoader gathers the
 * calls of one tick into one.
 */
export function sandboxChannel(pool: pg.Pool, logger: Logger): Channel {
  const keeper = new DataLoader<ChannelMessage, true>(
    async (messages) => {
      await pool.query(
        `INSERT INTO sandbox_messages (id, tenant_id, channel, recipient, subject, text, html,
           created_at)
         SELECT *, now() FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
           $6::text[], $7::text[])`,
        [
          messages.map((m) => m.id),
          messages.map((m) => m.tenantId),
          messages.map((m) => m.medium),
          messages.map((m) => m.to),
          messages.map((m) => m.subject ?? null),
          messages.map((m) => m.body),
          messages.map((m) => m.html ?? null),
        ],
      );
      return messages.map(() => true as const);
    },
    { cache: false, maxBatchSize: 500 },
  );
  return {
    name: 'sandbox',
    media: ['email', 'sms', 'voice'],
    async send(message) {
      await keeper.load(message);
      logger.info({ id: message.id, tenantId: message.tenantId }, 'message kept in the sandbox');
      return { status: 'sent', providerMessageId: `sandbox-${message.id}` };
    },
  };
}
