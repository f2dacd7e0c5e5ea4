import type { RouteDefinition } from '../http/defineRoute.ts';
import { ledgerBatchRoutes } from './ledgerBatchRoutes.ts';

/** Every route of the ledger's write side; its read side serves from projections/. */
export const ledgerRoutes: RouteDefinition[] = [...ledgerBatchRoutes];
