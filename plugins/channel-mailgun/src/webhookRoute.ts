import type { Logger } from 'pino';
import {
  MonityError,
  defineRoute,
  type ChannelPluginContext,
  type Clock,
  type Deliveries,
  type RouteDefinition,
} from '@monity/core';
import { messageOf, reportOf, type EventData } from './mailgunEvents.ts';
import { isFresh, isSigned, type WebhookSignature } from './mailgunSignature.ts';
import { readMailgunSettings } from './mailgunSettings.ts';

type Container = ChannelPluginContext['container'];

interface WebhookBody {
  signature: WebhookSignature;
  'event-data': EventData;
}

const WEBHOOK_PATH = '/api/webhooks/mailgun/:accountId';

/** Mailgun's token is kept longer than a signature stays fresh, so it cannot come back. */
const TOKEN_TTL_SECONDS = 900;

/**
 * Mailgun's delivery webhooks for one account's domain. Mailgun retries anything but 200 and
 * 406 for hours, so a webhook Monity will never take (not signed, stale, replayed, not this
 * account's) is answered 406, and one it took, or has no use for, 200.
 */
export function webhookRoute(container: Container, logger: Logger): RouteDefinition {
  return defineRoute<{ accountId: string }, unknown, WebhookBody>({
    method: 'POST',
    path: WEBHOOK_PATH,
    operationId: 'mailgunWebhook',
    summary: "Mailgun's delivery events of one account's e-mail",
    description:
      'Signed with the account’s HTTP webhook signing key: HMAC-SHA256 over timestamp and ' +
      'token. Refused with 406 when the signature does not hold, the timestamp is more than ' +
      '5 minutes old, or the token was seen before.',
    tags: ['webhooks'],
    access: 'public',
    params: {
      type: 'object',
      required: ['accountId'],
      properties: { accountId: { type: 'string', maxLength: 64 } },
    },
    body: {
      type: 'object',
      required: ['signature', 'event-data'],
      properties: {
        signature: {
          type: 'object',
          required: ['timestamp', 'token', 'signature'],
          properties: {
            timestamp: { type: 'string', maxLength: 20 },
            token: { type: 'string', minLength: 1, maxLength: 200 },
            signature: { type: 'string', maxLength: 200 },
          },
        },
        'event-data': { type: 'object' },
      },
    },
    responses: {
      200: { description: 'Taken, or of no use to Monity' },
      406: { description: "Refused for good: Mailgun's cue not to retry" },
    },
    handler: async (_ctx, { params, body }) => {
      const deliveries = container.resolve<Deliveries>('deliveries');
      const tenantId = await verifiedTenant(deliveries, params.accountId, body, nowOf(container));

      const event = body['event-data'];
      const report = reportOf(event);
      const lookup = messageOf(event);
      if (!report || !lookup) return { recorded: false };
      // The domain may carry mail Monity did not send: such events are taken and left alone.
      const message = await deliveries.message(lookup);
      if (!message) return { recorded: false };
      if (message.tenantId !== tenantId) {
        logger.warn({ event: event.event }, "Mailgun reported another company's message");
        throw refused('The event is about no message of this account.');
      }
      await deliveries.record({ messageId: message.messageId, ...report });
      return { recorded: true };
    },
  });
}

async function verifiedTenant(
  deliveries: Deliveries,
  accountId: string,
  body: WebhookBody,
  now: Date,
): Promise<string> {
  const account = await deliveries.account(accountId);
  if (!account || account.channel !== 'mailgun') throw refused('No such Mailgun account.');
  const { webhookSigningKey } = readMailgunSettings(account.settings);
  if (!webhookSigningKey) throw refused('The account has no webhook signing key.');

  const { signature } = body;
  if (!isSigned(webhookSigningKey, signature)) throw refused('The signature does not hold.');
  if (!isFresh(signature.timestamp, now)) throw refused('The signature is not recent.');
  if (!(await deliveries.firstSeen('mailgun', signature.token, TOKEN_TTL_SECONDS))) {
    throw refused('The token was used before.');
  }
  return account.tenantId;
}

function refused(why: string): MonityError {
  return new MonityError('callback_refused', why, 406);
}

function nowOf(container: Container): Date {
  return container.hasRegistration('clock') ? container.resolve<Clock>('clock').now() : new Date();
}
