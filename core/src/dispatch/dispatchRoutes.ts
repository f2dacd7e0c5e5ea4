import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { isEmailAddress, toE164 } from '../ledger/values/contacts.ts';
import type { MessageSender, OutgoingMessage } from '../messages/messageSender.ts';
import type { Medium } from '../plugins/index.ts';
import type { Dispatcher } from './dispatcher.ts';
import { resolveOutcome, type Decision } from './resolveOutcome.ts';

const uuid = { type: 'string', format: 'uuid' } as const;

interface EnqueueBody {
  medium: Medium;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  accountId?: string;
  notBefore?: string;
  customerId?: string;
  currency?: string;
  invoiceIds?: string[];
  templateId?: string;
}

const enqueueBody: JsonSchema<EnqueueBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['medium', 'to', 'text'],
  properties: {
    medium: { enum: ['email', 'sms', 'voice'] },
    to: { type: 'string', minLength: 3, maxLength: 320 },
    subject: { type: 'string', maxLength: 998 },
    text: { type: 'string', minLength: 1, maxLength: 100_000 },
    html: { type: 'string', maxLength: 1_000_000 },
    accountId: uuid,
    notBefore: { type: 'string', format: 'date-time' },
    customerId: uuid,
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    invoiceIds: { type: 'array', items: uuid, maxItems: 1000 },
    templateId: uuid,
  },
} as JsonSchema<EnqueueBody>;

/** The address in the channel's terms, or a 400 naming the field. */
function addressOf(body: EnqueueBody): string {
  const to = body.medium === 'email' ? body.to.trim() : toE164(body.to, 'PL');
  if (to && (body.medium !== 'email' || isEmailAddress(to))) return to;
  throw new ValidationError('The address is not valid', [
    {
      pointer: '/body/to',
      message: body.medium === 'email' ? 'is not an e-mail address' : 'is not a phone number',
    },
  ]);
}

function outgoing(body: EnqueueBody): OutgoingMessage {
  const { medium, subject, text, html, accountId, customerId, currency, invoiceIds } = body;
  return {
    medium,
    to: addressOf(body),
    ...(subject ? { subject } : {}),
    text,
    ...(html ? { html } : {}),
    ...(accountId ? { accountId } : {}),
    about: {
      purpose: 'manual',
      ...(customerId ? { customerId } : {}),
      ...(currency ? { currency } : {}),
      ...(invoiceIds ? { invoiceIds } : {}),
      ...(body.templateId ? { templateId: body.templateId } : {}),
    },
  };
}

const enqueue = defineRoute<unknown, unknown, EnqueueBody>({
  method: 'POST',
  path: '/api/messages',
  operationId: 'enqueueMessage',
  summary: 'Queues a message in the outbox, to leave through its account at or after notBefore',
  description:
    'The dispatcher hands it to its channel once, retries refusals that sent nothing, and ' +
    'marks it "unknown" when the outcome of a hand-over cannot be known.',
  tags: ['channels'],
  access: 'ledger.write',
  body: enqueueBody,
  responses: { 202: { description: "The message's id, its channel and when it may leave" } },
  handler: async (ctx, { body }) => {
    const message = outgoing(body);
    const sender = ctx.state.container.resolve<MessageSender>('messageSender');
    const tenantId = await inPrincipalTenant(ctx, async (_tx, id) => id);
    const notBefore = body.notBefore ? { notBefore: new Date(body.notBefore) } : {};
    const queued = await sender.enqueue(commandContextOf(ctx), tenantId, message, notBefore);
    ctx.status = 202;
    return { id: queued.messageId, channel: queued.channel, notBefore: queued.notBefore };
  },
});

const resolve = defineRoute<{ id: string }, unknown, { decision: Decision }>({
  method: 'POST',
  path: '/api/messages/:id/resolve',
  operationId: 'resolveMessageOutcome',
  summary: 'Decides a message whose outcome is unknown: it was sent, or send it again',
  tags: ['channels'],
  access: 'ledger.write',
  params: { type: 'object', required: ['id'], properties: { id: uuid } },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['decision'],
    properties: { decision: { enum: ['sent', 'resend'] } },
  },
  responses: {
    204: { description: 'Decided' },
    404: { description: 'No such message' },
    409: { description: 'The outcome of the message is known' },
  },
  handler: async (ctx: HttpContext, { params, body }) => {
    await inPrincipalTenant(ctx, (tx, tenantId) =>
      resolveOutcome(tx, commandContextOf(ctx), tenantId, params.id, body.decision),
    );
    if (body.decision === 'resend') ctx.state.container.resolve<Dispatcher>('dispatcher').wake();
    ctx.status = 204;
  },
});

export const dispatchRoutes: RouteDefinition[] = [enqueue, resolve];
