import type { DemoLedger, LedgerUnit } from '@monity/core';
import { generateLedger } from './ledgerGenerator.ts';

/** Customers in the demo company: enough for every page to show real content, quick to load. */
const DEMO_CUSTOMERS = 400;
const BATCH = 2_000;

/** Loads a generated Polish ledger into the demo company, as an ERP import would. */
export const loadDemoLedger: DemoLedger = async (tenantId, writer, today) => {
  const ledger = generateLedger({ seed: 2026, customers: DEMO_CUSTOMERS, today });
  const context = {
    tenantId,
    actor: { kind: 'system' as const, id: 'demo' },
    correlationId: tenantId,
    today,
  };
  let units: LedgerUnit[] = [];
  for (const { kind, ...record } of ledger.ledgerLines()) {
    units.push([{ kind, record } as LedgerUnit[number]]);
    if (units.length < BATCH) continue;
    await writer.write(context, units);
    units = [];
  }
  if (units.length > 0) await writer.write(context, units);
};
