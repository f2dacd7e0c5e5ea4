import type { Logger } from 'pino';
import {
  NotFoundError,
  defineRoute,
  type ChannelPluginContext,
  type Deliveries,
  type HttpContext,
  type JsonSchema,
  type RouteDefinition,
} from '@monity/core';
import { CALLBACK_PATHS, type CallbackKind } from './callbackPaths.ts';
import { callReport, messageReport } from './plivoStatus.ts';
import { readSignedCallback } from './signedCallback.ts';
import { speakXml } from './speakXml.ts';

type Container = ChannelPluginContext['container'];
interface Ids {
  accountId: string;
  messageId: string;
}

const ids: JsonSchema<Ids> = {
  type: 'object',
  required: ['accountId', 'messageId'],
  properties: {
    accountId: { type: 'string', maxLength: 64 },
    messageId: { type: 'string', maxLength: 64 },
  },
};

/** The three addresses Plivo calls: an SMS's status, a call's text, a call's end. */
export function callbackRoutes(container: Container, logger: Logger): RouteDefinition[] {
  const signed = async (ctx: HttpContext, params: Ids) => {
    const deliveries = container.resolve<Deliveries>('deliveries');
    const callback = await readSignedCallback(
      ctx,
      deliveries,
      publicUrlOf(container),
      params.accountId,
    );
    const message = await deliveries.message({ messageId: params.messageId });
    if (!message || message.tenantId !== callback.tenantId) {
      logger.warn({ messageId: params.messageId }, 'Plivo called back about an unknown message');
      throw new NotFoundError('No such message of this account.');
    }
    return { deliveries, callback, message };
  };

  const status = route(
    'status',
    'plivoMessageStatus',
    "An SMS's status from Plivo",
    async (ctx, p) => {
      const { deliveries, callback, message } = await signed(ctx, p);
      await recordIfFinal(
        deliveries,
        message.messageId,
        messageReport(callback.params, new Date()),
      );
      return { received: true };
    },
  );

  const answer = route(
    'answer',
    'plivoCallAnswer',
    'The text Plivo reads when a call is answered',
    async (ctx, p) => {
      const { callback, message } = await signed(ctx, p);
      ctx.type = 'application/xml';
      ctx.body = speakXml(message.body, callback.settings);
      return undefined;
    },
  );

  const hangup = route('hangup', 'plivoCallHangup', "A call's end from Plivo", async (ctx, p) => {
    const { deliveries, callback, message } = await signed(ctx, p);
    await recordIfFinal(deliveries, message.messageId, callReport(callback.params, new Date()));
    return { received: true };
  });

  return [status, answer, hangup];
}

function route(
  kind: CallbackKind,
  operationId: string,
  summary: string,
  handler: (ctx: HttpContext, params: Ids) => Promise<unknown>,
): RouteDefinition {
  return defineRoute<Ids>({
    method: 'POST',
    path: CALLBACK_PATHS[kind],
    operationId,
    summary,
    description:
      "Plivo's form post, signed with the account's auth token (X-Plivo-Signature-V3, else V2); " +
      'a nonce seen before is refused.',
    tags: ['webhooks'],
    access: 'public',
    params: ids,
    responses: {
      200:
        kind === 'answer'
          ? { description: 'Plivo XML', contentType: 'application/xml' }
          : { description: 'Taken' },
      403: { description: 'Not signed by Plivo for this account, or replayed' },
      404: { description: 'No such message of this account' },
    },
    handler: (ctx, { params }) => handler(ctx, params),
  });
}

async function recordIfFinal(
  deliveries: Deliveries,
  messageId: string,
  report: ReturnType<typeof messageReport>,
): Promise<void> {
  if (report) await deliveries.record({ messageId, ...report });
}

// Plivo signs the address it called, which is Monity's public one, not what a proxy forwards.
function publicUrlOf(container: Container): string | undefined {
  if (!container.hasRegistration('config')) return undefined;
  return container.resolve<{ publicUrl?: string }>('config').publicUrl;
}
