export * from './projection.ts';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projectionRunner.ts';
export type { ProjectionStatus, SlotStatus } from './runner/projectionStatus.ts';
export { ratesOn, toPlnMinor } from './rates/exchangeRates.ts';
