import { v5 as uuidv5 } from 'uuid';

/**
 * Ids of ledger entities derived from the tenant and the source system's id, so the same ERP
 * record always lands on the same customer, invoice or payment, on every import and retry.
 */
export const customerIdOf = (tenantId: string, sourceId: string) =>
  uuidv5(`customer:${sourceId}`, tenantId);
export const invoiceIdOf = (tenantId: string, sourceId: string) =>
  uuidv5(`invoice:${sourceId}`, tenantId);
export const paymentIdOf = (tenantId: string, sourceId: string) =>
  uuidv5(`payment:${sourceId}`, tenantId);

export const customerStream = (customerId: string) => `customer-${customerId}`;
export const customerOfStream = (streamId: string) => streamId.slice('customer-'.length);
