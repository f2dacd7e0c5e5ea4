import type { RouterMiddleware } from '@koa/router';
import { Duplex } from 'node:stream';

import type { AppState, HttpContext } from './appState.ts';
import { authorize, type RouteAccess } from './authorize.ts';
import { EVENT_STREAM_TYPE, serveEventStream } from './eventStream.ts';
import type { JsonSchema } from './jsonSchema.ts';
import { compileInputReader, type RequestInput } from './readRequestInput.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  /** The JSON body's schema; leave out for responses without a body. */
  schema?: JsonSchema;
  /**
   * The body's media type when it is not JSON. With `text/event-stream` the handler returns
   * the `Duplex` it writes the events to, and the answer stays open (see `serveEventStream`).
   */
  contentType?: string;
}

export interface RouteSpec<P, Q, B> {
  method: HttpMethod;
  /** Koa path syntax (path-to-regexp v8): `/customers/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Who may call it: anyone, any authenticated principal, or those with a permission. */
  access: RouteAccess;
  params?: JsonSchema<P>;
  query?: JsonSchema<Q>;
  body?: JsonSchema<B>;
  responses: { [status: number]: ResponseSpec; default?: ResponseSpec };
  /** Returns the response body, or `undefined` when it sets `ctx` itself. */
  handler(ctx: HttpContext, input: RequestInput<P, Q, B>): unknown;
}

/** A route ready to mount: its spec for the OpenAPI document, and the middleware serving it. */
export interface RouteDefinition extends Omit<RouteSpec<unknown, unknown, unknown>, 'handler'> {
  middleware: RouterMiddleware<AppState>;
}

/**
 * Declares one API operation. The same JSON Schemas validate the request (ajv, compiled here
 * once) and describe it in the OpenAPI document. Params and query values are coerced to their
 * schema's types; a request that does not match fails with a `ValidationError` whose field
 * pointers start at the request part (`/body/amount`, `/query/limit`).
 *
 * @example
 * ```ts
 * const customerParams: JsonSchema<{ id: string }> = {
 *   type: 'object',
 *   properties: { id: { type: 'string', format: 'uuid' } },
 *   required: ['id'],
 * };
 *
 * export const getCustomer = defineRoute({
 *   method: 'GET',
 *   path: '/api/customers/:id',
 *   operationId: 'getCustomer',
 *   summary: 'One customer with its balance',
 *   tags: ['customers'],
 *   access: 'receivables.read',
 *   params: customerParams,
 *   responses: { 200: { description: 'The customer', schema: customerSchema } },
 *   handler: (ctx, { params }) =>
 *     ctx.state.container.resolve<CustomerQueries>('customerQueries').byId(params.id),
 * });
 * ```
 */
export function defineRoute<P = Record<string, unknown>, Q = Record<string, unknown>, B = unknown>(
  spec: RouteSpec<P, Q, B>,
): RouteDefinition {
  const { handler, ...definition } = spec;
  const readInput = compileInputReader(spec);
  const streams = spec.responses[200]?.contentType === EVENT_STREAM_TYPE;

  return {
    ...definition,
    middleware: async (ctx) => {
      authorize(ctx, spec.access);
      const result = await handler(ctx, readInput(ctx) as RequestInput<P, Q, B>);
      if (streams && result instanceof Duplex) serveEventStream(ctx, result);
      else if (result !== undefined) ctx.body = result;
    },
  };
}
