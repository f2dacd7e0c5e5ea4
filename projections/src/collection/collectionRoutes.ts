import { defineRoute, type RouteDefinition } from '@monity/core';
import { principalTenant } from '../ledger/tenantReading.ts';
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
      const tenant = await principalTenant(ctx);
      return scheduler.runTenant(tenant.id, tenant.timeZone);
    },
  });
  return [run];
}
