import type { RouteDefinition } from '../http/defineRoute.ts';
import { importJobRoutes } from './import/importJobRoutes.ts';
import { importPresetRoutes } from './import/importPresetRoutes.ts';
import { catalogueRoutes } from './catalogueRoutes.ts';
import { customerRoutes } from './customerRoutes.ts';
import { invoiceRoutes } from './invoiceRoutes.ts';
import { ledgerBatchRoutes } from './ledgerBatchRoutes.ts';

/** Every route of the ledger's write side; its read side serves from projections/. */
export const ledgerRoutes: RouteDefinition[] = [
  ...ledgerBatchRoutes,
  ...importJobRoutes,
  ...importPresetRoutes,
  ...catalogueRoutes,
  ...customerRoutes,
  ...invoiceRoutes,
];
