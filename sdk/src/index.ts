/**
 * `@monity/sdk`: the typed client of the Monity HTTP API.
 *
 * The types are written by hand until they are generated from `/api/openapi.json`.
 */
export { ApiError, isApiError, type FieldError, type ProblemBody } from './apiError.ts';
export { createMonityClient, type MonityClient } from './client.ts';
export type { TransportOptions } from './transport.ts';
export type * from './types.ts';
export type * from './paging.ts';
export type * from './customers.ts';
export type * from './invoices.ts';
export type * from './payments.ts';
export type * from './imports.ts';
export type * from './catalogue.ts';
export { DEFAULT_AGING_SCHEME_ID } from './aging.ts';
export type * from './aging.ts';
export type * from './groups.ts';
export type * from './dashboard.ts';
export type * from './exchangeRates.ts';
export type * from './channels.ts';
export type * from './messages.ts';
export type * from './processes.ts';
export type * from './templates.ts';
