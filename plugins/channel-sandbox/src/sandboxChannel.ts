import type { Channel } from '@monity/core';
import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * Keeps each message instead of delivering it. It writes through the server's own pool, not
 * the application role's, because messages of no tenant (password resets) are kept too.
 */
export function sandboxChannel(pool: pg.Pool, logger: Logger): Channel {
  return {
    name: 'sandbox',
    media: ['email', 'sms', 'voice'],
    async send(message) {
      await pool.query(
        `INSERT INTO sandbox_messages (id, tenant_id, channel, recipient, subject, text, html,
           created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        [
          message.id,
          message.tenantId,
          message.medium,
          message.to,
          message.subject ?? null,
          message.body,
          message.html ?? null,
        ],
      );
      logger.info({ id: message.id, tenantId: message.tenantId }, 'message kept in the sandbox');
      return { status: 'sent', providerMessageId: `sandbox-${message.id}` };
    },
  };
}
