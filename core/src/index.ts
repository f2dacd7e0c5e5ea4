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
export { ledgerEventTypes } from './ledger/ledgerEvents.ts';
export { catalogueEventTypes } from './ledger/catalogueEvents.ts';
export {
  EXCHANGE_RATES_STREAM,
  exchangeRateEventTypes,
  type Rate,
  type RateTable,
} from './rates/exchangeRateEvents.ts';
export {
  importRateTables,
  rateStreamOf,
  type RateImportReport,
  type RateStream,
} from './rates/importRateTables.ts';
export { readNbpJson, type NbpApiTable } from './rates/nbpJson.ts';
export { scaledRate } from './rates/rateDecimal.ts';
export { customerOfStream, customerStream } from './ledger/ledgerIds.ts';
export { formatAmount, minorDigits, parseAmount, isCurrencyCode } from './ledger/values/money.ts';
export { dayIn } from './ledger/tenantToday.ts';
export { tenantDay } from './ledger/ledgerBatchRoutes.ts';
export * from './calendar/index.ts';
export {
  DEFAULT_AGING_SCHEME,
  type AgingBucket,
  type AgingScheme,
  type Attribute,
  type Catalogue,
  type Category,
} from './ledger/catalogue.ts';
export { readCatalogue } from './ledger/readCatalogue.ts';
export {
  CRITERIA_FIELDS,
  validateCriteria,
  type Condition,
  type CriteriaNode,
  type GroupSelection,
} from './groups/criteria.ts';
export { groupEventTypes, groupStream } from './groups/groupEvents.ts';
export * from './templates/index.ts';
export { messageEventTypes, messageStream } from './messages/messageEvents.ts';
export { processEventTypes, processStream } from './processes/processEvents.ts';
export { collectionEventTypes, collectionStream } from './processes/collectionEvents.ts';
export { holdEventTypes } from './processes/holdEvents.ts';
export type { ProcessDefinition, ProcessStep } from './processes/processDefinition.ts';
export type { MessageSender, OutgoingMessage, SendOutcome } from './messages/messageSender.ts';
export { commandContextOf, principalOf } from './access/requestContext.ts';
export { eventOf, type CommandContext } from './access/commandContext.ts';
export { loadConfig } from './config/loadConfig.ts';
export type { MonityConfig } from './config/configSchema.ts';
export { startServer, type RunningServer, type StartOptions } from './server/startServer.ts';
export { runMonity } from './server/runMonity.ts';
export type { DemoLedger, DemoServices } from './server/demoTenant.ts';
export type { LedgerWriter, LedgerUnit } from './ledger/ledgerWriter.ts';
