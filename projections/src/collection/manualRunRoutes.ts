import {
  commandContextOf,
  defineRoute,
  type MessageSender,
  type RouteDefinition,
} from '@monity/core';
import { reading } from '../ledger/tenantReading.ts';
import { planManualRun, runManualPlan, type ManualAudience } from './manualRun.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const audience = {
  type: 'object',
  oneOf: [
    { required: ['groupId'], additionalProperties: false, properties: { groupId: uuid } },
    {
      required: ['customerIds'],
      additionalProperties: false,
      properties: {
        customerIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: uuid },
      },
    },
  ],
} as const;

interface PlanBody {
  audience: ManualAudience;
  templateId: string;
}

const plan = defineRoute<unknown, unknown, PlanBody>({
  method: 'POST',
  path: '/api/manual-runs/preview',
  operationId: 'previewManualRun',
  summary: 'What sending a template to a group or to picked customers now would send, to whom',
  tags: ['processes'],
  access: 'ledger.write',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['audience', 'templateId'],
    properties: { audience, templateId: uuid },
  },
  responses: { 200: { description: 'The messages, their count, and the confirmation to send' } },
  handler: (ctx, { body }) =>
    reading(ctx, async (tx, tenantId, today) => {
      const planned = await planManualRun(tx, tenantId, today, body.audience, body.templateId);
      const withoutAddress = planned.messages.filter((m) => m.to === null).length;
      return {
        template: {
          id: body.templateId,
          name: planned.template.name,
          medium: planned.template.medium,
        },
        messages: planned.messages,
        count: planned.messages.length - withoutAddress,
        withoutAddress,
        customers: new Set(planned.messages.map((m) => m.customerId)).size,
        confirmation: planned.confirmation,
      };
    }),
});

const run = defineRoute<unknown, unknown, PlanBody & { confirmation: string }>({
  method: 'POST',
  path: '/api/manual-runs',
  operationId: 'runManualRun',
  summary: 'Sends a confirmed manual run through the outbox',
  description:
    'The `confirmation` of the preview: when what the run would send has changed since, the ' +
    'answer is 409 and nothing is sent.',
  tags: ['processes'],
  access: 'ledger.write',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['audience', 'templateId', 'confirmation'],
    properties: {
      audience,
      templateId: uuid,
      confirmation: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  responses: { 202: { description: 'How many messages were queued' } },
  handler: async (ctx, { body }) => {
    const sender = ctx.state.container.resolve<MessageSender>('messageSender');
    const result = await reading(ctx, async (tx, tenantId, today) => {
      const planned = await planManualRun(tx, tenantId, today, body.audience, body.templateId);
      return runManualPlan(tx, sender, commandContextOf(ctx), planned, body.confirmation, {
        tenantId,
        today,
        templateId: body.templateId,
      });
    });
    ctx.status = 202;
    return result;
  },
});

export const manualRunRoutes: RouteDefinition[] = [plan, run];
