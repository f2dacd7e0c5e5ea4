import { MonityError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from './defineRoute.ts';
import type { JsonSchema } from './jsonSchema.ts';

/** Resolves when the server can do its work (database reachable, migrated); throws if not. */
export type ReadinessCheck = () => Promise<void>;

const statusSchema = (status: string): JsonSchema => ({
  type: 'object',
  properties: { status: { const: status } },
  required: ['status'],
});

/** `GET /health` (the process serves) and `GET /ready` (its dependencies are usable too). */
export function healthRoutes(checkReadiness: ReadinessCheck): RouteDefinition[] {
  const health = defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process serves requests',
    tags: ['operations'],
    access: 'public',
    responses: { 200: { description: 'Alive', schema: statusSchema('ok') } },
    handler: () => ({ status: 'ok' }),
  });

  const ready = defineRoute({
    method: 'GET',
    path: '/ready',
    operationId: 'getReadiness',
    summary: 'Readiness: the process and its dependencies can serve requests',
    tags: ['operations'],
    access: 'public',
    responses: {
      200: { description: 'Ready', schema: statusSchema('ready') },
      503: { description: 'Not ready; `code` is `not_ready`' },
    },
    handler: async () => {
      await checkReadiness().catch((cause: unknown) => {
        throw new MonityError('not_ready', 'The readiness check failed', 503, { cause });
      });
      return { status: 'ready' };
    },
  });

  return [health, ready];
}
