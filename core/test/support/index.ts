export * from './eventStoreFixture.ts';
export * from './companyDays.ts';
export * from './testDatabase.ts';
export * from '../http/startTestServer.ts';
export * from '../access/accessTestKit.ts';
export * from '../ledger/importTestKit.ts';
export * from '../server/monityProcess.ts';
