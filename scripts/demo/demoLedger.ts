import { v5 as uuidv5 } from 'uuid';
import type { CustomerRecord, DemoLedger, LedgerUnit, NewEvent } from '@monity/core';
import { generateLedger } from './ledgerGenerator.ts';

/** Customers in the demo company: enough for every page to show real content, quick to load. */
const DEMO_CUSTOMERS = 400;
const BATCH = 2_000;

/** How a Polish finance team might sort its customers; ids fixed so a demo reads the same. */
const CATEGORIES = [
  { name: 'Kluczowy klient', colour: '#0f766e' },
  { name: 'Budownictwo', colour: '#b45309' },
  { name: 'Zagranica', colour: '#4338ca' },
];
const KEEPERS = ['Anna Nowak', 'Piotr Wiśniewski', 'Marta Zielińska'];
const ATTRIBUTES = [
  { name: 'Limit kredytowy', type: 'number' },
  { name: 'Opiekun', type: 'choice', choices: KEEPERS },
];

/**
 * Loads a generated Polish ledger into the demo company, as an ERP import would, with a few
 * categories, a credit limit and a keeper per customer, and two customers out of collection.
 */
export const loadDemoLedger: DemoLedger = async ({ tenantId, writer, eventStore, today }) => {
  const metadata = {
    tenantId,
    actor: { kind: 'system' as const, id: 'demo' },
    correlationId: tenantId,
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    id: uuidv5(`demo:${type}:${JSON.stringify(data)}`, tenantId),
    type,
    data,
    metadata,
  });
  const idOf = (name: string) => uuidv5(`demo:${name}`, tenantId);
  await eventStore.append(
    { tenantId, streamId: 'catalogue' },
    [
      ...CATEGORIES.map((c) => event('CategoryDefined', { categoryId: idOf(c.name), ...c })),
      ...ATTRIBUTES.map((a) => event('AttributeDefined', { attributeId: idOf(a.name), ...a })),
    ],
    { expectedVersion: 'no_stream' },
  );

  const ledger = generateLedger({ seed: 2026, customers: DEMO_CUSTOMERS, today });
  const context = { tenantId, actor: metadata.actor, correlationId: tenantId, today };
  let units: LedgerUnit[] = [];
  let customers = 0;
  for (const { kind, ...record } of ledger.ledgerLines()) {
    const described =
      kind === 'customer' ? describe(record as CustomerRecord, customers++) : record;
    units.push([{ kind, record: described } as LedgerUnit[number]]);
    if (units.length < BATCH) continue;
    await writer.write(context, units);
    units = [];
  }
  if (units.length > 0) await writer.write(context, units);
};

/** The demo's own description of a customer, from its place in the list and its name. */
function describe(customer: CustomerRecord, index: number): CustomerRecord {
  const categories = [
    ...(index % 9 === 0 ? ['Kluczowy klient'] : []),
    ...(/bud|remont|instal/i.test(customer.name) ? ['Budownictwo'] : []),
    ...(customer.country && customer.country !== 'PL' ? ['Zagranica'] : []),
  ];
  return {
    ...customer,
    categories,
    attributes: {
      'Limit kredytowy': String(((index * 7919) % 20) * 5000 + 10000),
      Opiekun: KEEPERS[index % KEEPERS.length]!,
    },
    ...(index === 17 || index === 211 ? { excluded: true } : {}),
  };
}
