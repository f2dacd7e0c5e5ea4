import {
  commandContextOf,
  defineRoute,
  NotFoundError,
  ValidationError,
  type MessageSender,
  type TemplateContent,
} from '@monity/core';
import { loadMessageContext } from '../templates/messageContext.ts';
import { renderMessages } from '../templates/renderMessages.ts';
import { TEMPLATES } from '../templates/templateProjection.ts';
import { CUSTOMERS } from '../ledger/ledgerTables.ts';
import { reading } from '../ledger/tenantReading.ts';

interface SendBody {
  templateId: string;
  customerId: string;
  currency?: string;
  invoiceIds?: string[];
  accountId?: string;
}

const uuid = { type: 'string', format: 'uuid' } as const;

/**
 * Sends a template to one customer now: one message per currency they owe in, each naming that
 * currency's unpaid invoices, to the customer's first e-mail address or phone number. Nothing is
 * sent when any message cannot be rendered or the customer has no address for the medium.
 */
export const sendTemplateRoute = defineRoute<unknown, unknown, SendBody>({
  method: 'POST',
  path: '/api/messages/send',
  operationId: 'sendTemplate',
  summary: 'Sends a template to a customer now, one message per currency of their debts',
  tags: ['channels'],
  access: 'ledger.write',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['templateId', 'customerId'],
    properties: {
      templateId: uuid,
      customerId: uuid,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      invoiceIds: { type: 'array', items: uuid, minItems: 1, maxItems: 1000 },
      accountId: uuid,
    },
  },
  responses: { 200: { description: 'What became of each message' } },
  handler: async (ctx, { body }) => {
    const prepared = await reading(ctx, async (tx, tenantId, today) => {
      const { rows } = await tx.query<TemplateContent & { name: string }>(
        `SELECT name, medium, language, subject, html, text FROM ${TEMPLATES}
         WHERE template_id = $1`,
        [body.templateId],
      );
      const template = rows[0];
      if (!template) throw new NotFoundError('No such template');
      const contacts = await tx.query<{ emails: string[]; phones: string[] }>(
        `SELECT emails, phones FROM ${CUSTOMERS} WHERE customer_id = $1`,
        [body.customerId],
      );
      const context = await loadMessageContext(tx, {
        tenantId,
        customerId: body.customerId,
        today,
        ...(body.currency ? { currency: body.currency } : {}),
        ...(body.invoiceIds ? { invoiceIds: body.invoiceIds } : {}),
      });
      const customer = contacts.rows[0]!;
      const to = template.medium === 'email' ? customer.emails[0] : customer.phones[0];
      if (!to) {
        throw new ValidationError('The customer has no address for this template', [
          {
            pointer: '/body/customerId',
            message: template.medium === 'email' ? 'has no e-mail address' : 'has no phone number',
          },
        ]);
      }
      const strip = ({ subject, html, text, medium, language }: TemplateContent) => ({
        medium,
        language,
        ...(subject ? { subject } : {}),
        ...(html ? { html } : {}),
        ...(text ? { text } : {}),
      });
      return {
        tenantId,
        template,
        to,
        messages: renderMessages(strip(template), context, '/template'),
      };
    });
    const sender = ctx.state.container.resolve<MessageSender>('messageSender');
    const command = commandContextOf(ctx);
    const sent = [];
    for (const message of prepared.messages) {
      sent.push({
        currency: message.currency,
        invoiceIds: message.invoiceIds,
        ...(await sender.send(command, prepared.tenantId, {
          medium: prepared.template.medium,
          to: prepared.to,
          ...(message.subject ? { subject: message.subject } : {}),
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(body.accountId ? { accountId: body.accountId } : {}),
          about: {
            purpose: 'manual',
            customerId: body.customerId,
            currency: message.currency,
            invoiceIds: message.invoiceIds,
            templateId: body.templateId,
          },
        })),
      });
    }
    return { to: prepared.to, messages: sent };
  },
});
