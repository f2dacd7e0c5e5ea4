export * from './eventStoreFixture.ts';
export * from './testDatabase.ts';
