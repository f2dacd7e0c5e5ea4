import type { Catalogue, CriteriaNode } from '@monity/core';
import { describe, expect, it } from 'vitest';
import { compileSelection } from '../src/groups/compileCriteria.ts';
import { QueryParts } from '../src/ledger/keyset.ts';

const PROCESS = '0190a4c2-7d1e-7a51-9c3e-2f4b6d8e0a11';
const STEP = '0190a4c2-7d1e-7a51-9c3e-2f4b6d8e0a12';
const step = { processId: PROCESS, stepId: STEP };
// These fields name no catalogue entry: unknown ids are not refused, they match nothing.
const catalogue: Catalogue = {
  version: 0,
  categories: new Map(),
  attributes: new Map(),
  schemes: new Map(),
};

function compile(criteria: CriteriaNode) {
  const parts = new QueryParts();
  const compiled = compileSelection(
    { criteria },
    { parts, today: '2026-03-01', catalogue, currencies: ['PLN'] },
  );
  return { ...compiled, values: parts.values };
}

describe('criteria on collection progress and contacts, compiled', () => {
  it('ask the progress about the invoice, with the ids as parameters', () => {
    const { invoices, customers, values } = compile({
      field: 'processStep',
      op: 'reached',
      value: step,
    });
    expect(invoices.where).toMatch(/EXISTS \(SELECT 1 FROM rm_collection_progress p/);
    expect(invoices.where).toContain('p.invoice_id = i.invoice_id');
    expect(invoices.usesCustomer).toBe(false);
    expect(customers.where).toBe('NOT c.excluded');
    expect(values).toEqual([PROCESS, STEP]);
    expect(`${invoices.where} ${customers.where}`).not.toContain(PROCESS);
  });

  it('turn "not yet reached" into NOT EXISTS', () => {
    const { invoices } = compile({ field: 'processStep', op: 'notReached', value: step });
    expect(invoices.where).toMatch(/AND NOT EXISTS \(SELECT 1 FROM rm_collection_progress/);
  });

  it('ask the message log about the customer, in the statuses that count as a contact', () => {
    const never = compile({ field: 'contacted', op: 'is', value: false });
    expect(never.invoices.where).toBe('i.open_amount > 0');
    expect(never.customers.where).toMatch(
      /^NOT c\.excluded AND NOT EXISTS \(SELECT 1 FROM rm_messages m WHERE/,
    );
    expect(never.customers.where).toContain('m.customer_id = c.customer_id');
    expect(never.values).toEqual([
      ['queued', 'awaiting_approval', 'retrying', 'unknown', 'sent', 'delivered', 'opened'],
    ]);

    const ever = compile({ field: 'contacted', op: 'is', value: true });
    expect(ever.customers.where).toMatch(/^NOT c\.excluded AND EXISTS \(SELECT 1 FROM rm_messages/);
  });

  it('keep an OR of both with the invoice, the customer joined', () => {
    const { invoices, customers } = compile({
      or: [
        { field: 'processStep', op: 'reached', value: step },
        { field: 'contacted', op: 'is', value: false },
      ],
    });
    expect(invoices.usesCustomer).toBe(true);
    expect(invoices.where).toContain('rm_collection_progress');
    expect(invoices.where).toContain('rm_messages');
    expect(customers.where).toBe('NOT c.excluded');
  });
});
