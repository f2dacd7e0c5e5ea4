import { NotFoundError, defineRoute, type JsonSchema, type RouteDefinition } from '@monity/core';
import type { Logger } from 'pino';
import type { ProjectionRunner } from './runner/projectionRunner.ts';

const slotSchema: JsonSchema = {
  type: 'object',
  required: ['slot', 'version', 'checkpoint', 'pendingEvents', 'lagSeconds', 'running'],
  properties: {
    slot: { enum: ['live', 'rebuild'] },
    version: { type: 'integer' },
    checkpoint: { type: 'string', description: 'Global position `transaction:sequence`' },
    pendingEvents: { type: 'integer', description: 'Committed events not applied yet' },
    lagSeconds: { type: 'number', description: 'Age of the oldest pending event' },
    running: { type: 'boolean' },
    lastError: { type: 'string' },
  },
};

const statusSchema: JsonSchema = {
  type: 'object',
  required: ['projections'],
  properties: {
    projections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version', 'slots'],
        properties: {
          name: { type: 'string' },
          version: { type: 'integer' },
          slots: { type: 'array', items: slotSchema },
        },
      },
    },
  },
};

/** Operators' view of the read side: where each projection stands, and rebuilds on demand. */
export function projectionRoutes(runner: ProjectionRunner): RouteDefinition[] {
  const status = defineRoute({
    method: 'GET',
    path: '/api/projections',
    operationId: 'listProjections',
    summary: 'Projections with their checkpoints and lag',
    tags: ['operations'],
    access: 'operations.manage',
    responses: { 200: { description: 'Every projection', schema: statusSchema } },
    handler: async () => ({ projections: await runner.status() }),
  });

  const rebuild = defineRoute<{ name: string }>({
    method: 'POST',
    path: '/api/projections/:name/rebuild',
    operationId: 'rebuildProjection',
    summary: 'Rebuild a read model from the first event, then swap it in',
    description: 'The current read model keeps serving until the rebuilt one has caught up.',
    tags: ['operations'],
    access: 'operations.manage',
    params: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' } },
    },
    responses: {
      202: { description: 'The rebuild started' },
      404: { description: 'No such projection' },
    },
    handler: (ctx, { params }) => {
      if (!runner.has(params.name)) throw new NotFoundError(`No projection ${params.name}`);
      void runner.rebuild(params.name).catch((err: unknown) => {
        ctx.state.container.resolve<Logger>('logger').error({ err }, 'projection rebuild failed');
      });
      ctx.status = 202;
    },
  });

  return [status, rebuild];
}
