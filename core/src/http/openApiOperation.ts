import type { RouteDefinition, ResponseSpec } from './defineRoute.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { pathParameterNames } from './openApiPath.ts';
import { PROBLEM_CONTENT_TYPE } from './problemDetails.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export const PROBLEM_SCHEMA = '#/components/schemas/Problem';
const PROBLEM_RESPONSE = '#/components/responses/Problem';
const TEXT: JsonSchema = { type: 'string' };

/** The OpenAPI 3.1 Operation Object of one route, reusing the route's own schemas. */
export function openApiOperation(route: RouteDefinition): Record<string, unknown> {
  const parameters = [...pathParameters(route), ...queryParameters(route.query)];

  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: route.tags,
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: route.body } } },
    }),
    responses: { default: { $ref: PROBLEM_RESPONSE }, ...responsesOf(route) },
  };
}

function pathParameters({ path, params }: RouteDefinition): Parameter[] {
  const declared = propertiesOf(params);
  return pathParameterNames(path).map((name) =>
    parameter(name, 'path', true, declared[name] ?? { type: 'string' }),
  );
}

function queryParameters(query: JsonSchema | undefined): Parameter[] {
  const required = new Set<string>(query?.required ?? []);
  return Object.entries(propertiesOf(query)).map(([name, schema]) =>
    parameter(name, 'query', required.has(name), schema),
  );
}

function parameter(name: string, location: Parameter['in'], required: boolean, schema: JsonSchema) {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  return { name, in: location, required, ...(description && { description }), schema };
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return (schema?.properties ?? {}) as Record<string, JsonSchema>;
}

function responsesOf({ responses }: RouteDefinition): Record<string, unknown> {
  const entries = Object.entries(responses as Record<string, ResponseSpec>);
  return Object.fromEntries(entries.map(([status, spec]) => [status, toResponse(status, spec)]));
}

// An error status declared without a schema answers, like every failure, with a problem.
function toResponse(status: string, { description, schema, contentType }: ResponseSpec) {
  if (contentType) return { description, content: { [contentType]: { schema: schema ?? TEXT } } };
  if (schema) return { description, content: { 'application/json': { schema } } };
  if (Number(status) >= 400) {
    return {
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA } } },
    };
  }
  return { description };
}
