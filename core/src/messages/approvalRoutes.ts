import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import { addToOutbox } from '../dispatch/outbox.ts';
import { messageStream } from './messageEvents.ts';

interface Decision {
  decision: 'approve' | 'reject';
  reason?: string;
}

/**
 * A collector's decision on a message a collection step holds for approval: approved, it joins
 * the outbox to leave at once (within its channel's sending rules); rejected, it never leaves.
 */
const decide = defineRoute<{ id: string }, unknown, Decision>({
  method: 'POST',
  path: '/api/messages/:id/approval',
  operationId: 'decideMessageApproval',
  summary: 'Approves or rejects a message held for approval',
  tags: ['channels'],
  access: 'ledger.write',
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', format: 'uuid' } },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['decision'],
    properties: {
      decision: { enum: ['approve', 'reject'] },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
    },
  },
  responses: { 204: { description: 'Decided' } },
  handler: async (ctx, { params, body }) => {
    await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{
        type: string;
        version: number;
        data: { notBefore?: string };
      }>(
        `SELECT type, data, stream_version AS version FROM events
         WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`,
        [tenantId, messageStream(params.id)],
      );
      if (rows.length === 0) throw new NotFoundError('No such message');
      const last = rows.at(-1)!;
      if (last.type !== 'MessageHeldForApproval') {
        throw new ConflictError('not_awaiting_approval', 'The message awaits no approval');
      }
      const command = commandContextOf(ctx);
      const event =
        body.decision === 'approve'
          ? eventOf(command, tenantId, 'MessageApproved', { messageId: params.id })
          : eventOf(command, tenantId, 'MessageRejected', {
              messageId: params.id,
              ...(body.reason ? { reason: body.reason } : {}),
            });
      await tx.append(messageStream(params.id), [event], last.version);
      if (body.decision === 'approve') {
        // At once, or when the step meant it to leave if that is later. The sending window is
        // not applied again: a message approved late at night leaves then (docs/processes.md).
        const planned = new Date(last.data.notBefore!);
        const now = command.clock.now();
        await addToOutbox(tx, tenantId, [
          { messageId: params.id, notBefore: planned > now ? planned : now },
        ]);
      }
    });
    ctx.status = 204;
  },
});

export const approvalRoutes: RouteDefinition[] = [decide];
