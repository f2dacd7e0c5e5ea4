import { defineRoute, inPrincipalTenant, type RouteDefinition } from '@monity/core';
import type { CollectionScheduler } from './collectionScheduler.ts';

/** Runs the company's due collection steps now, instead of at the scheduler's next minute. */
export function collectionRoutes(scheduler: CollectionScheduler): RouteDefinition[] {
  const run = defineRoute({
    method: 'POST',
    path: '/api/collection/run',
    operationId: 'runCollection',
    summary: "Schedules the messages the company's active processes owe now",
    tags: ['processes'],
    access: 'ledger.configure',
    responses: { 200: { description: 'How many messages were scheduled, and why others not' } },
    handler: async (ctx) => {
      const tenant = await inPrincipalTenant(ctx, async (tx, tenantId) => {
        const { rows } = await tx.query<{ time_zone: string }>(
          'SELECT time_zone FROM tenants WHERE id = $1',
          [tenantId],
        );
        return { id: tenantId, timeZone: rows[0]!.time_zone };
      });
      return scheduler.runTenant(tenant.id, tenant.timeZone);
    },
  });
  return [run];
}
