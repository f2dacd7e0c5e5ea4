export * from './eventStore.ts';
export * from './errors.ts';
export * from './eventTypes.ts';
export * from './globalPosition.ts';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgresEventStore.ts';
export { readAllPages } from './readAllPages.ts';
