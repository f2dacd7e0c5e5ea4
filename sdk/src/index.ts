/**
 * `@monity/sdk`: the typed client of the Monity HTTP API.
 *
 * The types are written by hand until they are generated from `/api/openapi.json`.
 */
export { ApiError, isApiError, type FieldError, type ProblemBody } from './apiError.ts';
export { createMonityClient, type MonityClient } from './client.ts';
export type { TransportOptions } from './transport.ts';
export type * from './types.ts';
