export * from './projection.ts';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projectionRunner.ts';
export type { ProjectionStatus, SlotStatus } from './runner/projectionStatus.ts';
export { ratesOn, toPlnMinor } from './rates/exchangeRates.ts';
export {
  loadMessageContext,
  type Creditor,
  type Debtor,
  type MessageContext,
  type MessageContextQuery,
  type PostalAddress,
  type UnpaidInvoice,
} from './templates/messageContext.ts';
export { renderMessages, type RenderedMessage } from './templates/renderMessages.ts';
