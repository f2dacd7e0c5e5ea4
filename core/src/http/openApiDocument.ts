import corePackage from '../../package.json' with { type: 'json' };
import type { RouteDefinition } from './defineRoute.ts';
import { openApiOperation, PROBLEM_SCHEMA } from './openApiOperation.ts';
import { toOpenApiPath } from './openApiPath.ts';
import { PROBLEM_CONTENT_TYPE } from './problemDetails.ts';
import { problemSchema } from './problemSchema.ts';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
}

/** The OpenAPI 3.1 document of the given routes; their schemas are inlined as they are. */
export function createOpenApiDocument(routes: RouteDefinition[]): OpenApiDocument {
  assertUniqueOperationIds(routes);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: openApiOperation(route) };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Monity API', version: corePackage.version },
    paths,
    components: {
      schemas: { Problem: problemSchema },
      responses: {
        Problem: {
          description: 'The request failed; `code` says why.',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA } } },
        },
      },
    },
  };
}

function assertUniqueOperationIds(routes: RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const { operationId } of routes) {
    if (seen.has(operationId)) throw new Error(`Two routes share the operationId ${operationId}`);
    seen.add(operationId);
  }
}
