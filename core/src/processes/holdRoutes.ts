import { v4 as uuidv4 } from 'uuid';
import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { customerStream } from '../ledger/ledgerIds.ts';
import { dayIn } from '../ledger/tenantToday.ts';
import type { Clock } from '../clock.ts';
import { holdStream } from './holdEvents.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const customerParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: uuid },
};

/** Appends to a customer's holds, after checking the customer exists in the company. */
function holding(ctx: HttpContext, customerId: string, type: string, data: object) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query(
      'SELECT 1 FROM events WHERE tenant_id = $1 AND stream_id = $2 LIMIT 1',
      [tenantId, customerStream(customerId)],
    );
    if (rows.length === 0) throw new NotFoundError('No such customer');
    await tx.append(
      holdStream(customerId),
      [eventOf(commandContextOf(ctx), tenantId, type, { customerId, ...data })],
      'any',
    );
  });
}

interface PromiseBody {
  until: string;
  amount?: string;
  currency?: string;
  note?: string;
}

const recordPromise = defineRoute<{ id: string }, unknown, PromiseBody>({
  method: 'POST',
  path: '/api/customers/:id/promises',
  operationId: 'recordPromiseToPay',
  summary: 'Records a promise to pay: collection of the customer pauses until its day',
  tags: ['processes'],
  access: 'ledger.write',
  params: customerParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['until'],
    properties: {
      until: { type: 'string', format: 'date' },
      amount: { type: 'string', pattern: '^[0-9]{1,15}([.,][0-9]{1,4})?$' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      note: { type: 'string', minLength: 1, maxLength: 2000 },
    },
  },
  responses: { 201: { description: 'The promise' } },
  handler: async (ctx, { params, body }) => {
    const today = await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{ time_zone: string }>(
        'SELECT time_zone FROM tenants WHERE id = $1',
        [tenantId],
      );
      return dayIn(rows[0]!.time_zone, ctx.state.container.resolve<Clock>('clock'));
    });
    if (body.until < today) {
      throw new ValidationError('A promise is for a day to come', [
        { pointer: '/body/until', message: `must be ${today} or later` },
      ]);
    }
    if (body.amount && !body.currency) {
      throw new ValidationError('An amount needs its currency', [
        { pointer: '/body/currency', message: 'is required with an amount' },
      ]);
    }
    const promiseId = uuidv4();
    await holding(ctx, params.id, 'PromiseToPayRecorded', { promiseId, ...body });
    ctx.status = 201;
    return { id: promiseId, ...body };
  },
});

const openDispute = defineRoute<{ id: string }, unknown, { reason: string }>({
  method: 'POST',
  path: '/api/customers/:id/disputes',
  operationId: 'openDispute',
  summary: 'Opens a dispute: collection of the customer pauses while it is open',
  tags: ['processes'],
  access: 'ledger.write',
  params: customerParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
  responses: { 201: { description: 'The dispute' } },
  handler: async (ctx, { params, body }) => {
    const disputeId = uuidv4();
    await holding(ctx, params.id, 'DisputeOpened', { disputeId, reason: body.reason });
    ctx.status = 201;
    return { id: disputeId, reason: body.reason };
  },
});

const closeDispute = defineRoute<{ id: string; disputeId: string }, unknown, { outcome?: string }>({
  method: 'POST',
  path: '/api/customers/:id/disputes/:disputeId/closure',
  operationId: 'closeDispute',
  summary: 'Closes a dispute: collection of the customer resumes',
  tags: ['processes'],
  access: 'ledger.write',
  params: {
    type: 'object',
    required: ['id', 'disputeId'],
    properties: { id: uuid, disputeId: uuid },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { outcome: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
  responses: { 204: { description: 'Closed' } },
  handler: async (ctx, { params, body }) => {
    const open = await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{ type: string }>(
        `SELECT type FROM events WHERE tenant_id = $1 AND stream_id = $2
           AND data->>'disputeId' = $3 ORDER BY stream_version`,
        [tenantId, holdStream(params.id), params.disputeId],
      );
      return rows.length > 0 && rows.at(-1)!.type === 'DisputeOpened';
    });
    if (!open) throw new NotFoundError('No such open dispute');
    await holding(ctx, params.id, 'DisputeClosed', {
      disputeId: params.disputeId,
      ...(body.outcome ? { outcome: body.outcome } : {}),
    });
    ctx.status = 204;
  },
});

export const holdRoutes: RouteDefinition[] = [recordPromise, openDispute, closeDispute];
