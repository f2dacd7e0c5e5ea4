import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/**
 * Ids of ledger entities derived from the tenant and the source system's id, so the same ERP
 * record always lands on the same customer, invoice or payment, on every import and retry.
 */
export const customerIdOf = (tenantId: string, sourceId: string) =>
  remembered(`customer:${sourceId}`, tenantId);
export const invoiceIdOf = (tenantId: string, sourceId: string) =>
  uuidv5(`invoice:${sourceId}`, namespaceOf(tenantId));
export const paymentIdOf = (tenantId: string, sourceId: string) =>
  uuidv5(`payment:${sourceId}`, namespaceOf(tenantId));

// The tenant's id as the 16 bytes of a name-based UUID's namespace: `uuid` parses a namespace
// given as text on every call, once per row of an import.
const namespaces = new Map<string, Uint8Array>();
const NAMESPACES = 1000;

function namespaceOf(tenantId: string): Uint8Array {
  let namespace = namespaces.get(tenantId);
  if (namespace === undefined) {
    if (namespaces.size >= NAMESPACES) namespaces.clear();
    namespace = parseUuid(tenantId);
    namespaces.set(tenantId, namespace);
  }
  return namespace;
}

// An import asks for the same customer's id for every one of its rows; a SHA-1 each time costs
// more than the rest of deciding the row. A small cache, emptied when full, keeps memory flat.
// Invoice and payment ids stay out of it: each is asked for about once, and a million of them
// would only push the customers out.
const cache = new Map<string, string>();
const CACHE_SIZE = 50_000;

function remembered(name: string, tenantId: string): string {
  const key = `${tenantId}/${name}`;
  let id = cache.get(key);
  if (id === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    id = uuidv5(name, namespaceOf(tenantId));
    cache.set(key, id);
  }
  return id;
}

export const customerStream = (customerId: string) => `customer-${customerId}`;
export const customerOfStream = (streamId: string) => streamId.slice('customer-'.length);
