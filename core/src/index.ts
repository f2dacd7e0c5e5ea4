export * from './errors.ts';
export * from './eventStore/index.ts';
export * from './http/index.ts';
export * from './plugins/index.ts';
export { DatabaseError } from './database/databaseError.ts';
export { migrate } from './database/migrate.ts';
export { findFreePort, startEmbeddedPostgres } from './database/embeddedPostgres.ts';
export type { Clock } from './clock.ts';
export {
  TenantDatabase,
  type TenantScope,
  type TenantTransaction,
} from './database/tenantDatabase.ts';
export type { Principal } from './access/principal.ts';
export type { Permission, Role } from './access/roles.ts';
export { accessEventTypes } from './access/accessEvents.ts';
export { inPrincipalTenant } from './access/requestContext.ts';
export type {
  CustomerRecord,
  InvoiceRecord,
  PaymentRecord,
  LedgerBatch,
  LedgerRecordLine,
  RecordKind,
} from './ledger/importRecords.ts';
