import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTypeRegistry, type NewEvent } from '../../src/eventStore/index.ts';
import { invoiceIdOf } from '../../src/ledger/ledgerIds.ts';
import { ledgerEventTypes } from '../../src/ledger/ledgerEvents.ts';
import type { LedgerUnit, RecordResult } from '../../src/ledger/ledgerWriter.ts';
import { createLedgerFixture } from './ledgerFixture.ts';

let fixture: Awaited<ReturnType<typeof createLedgerFixture>>;
beforeAll(async () => (fixture = await createLedgerFixture()));
afterAll(() => fixture.dispose());

const customer = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 'customer' as const,
  record: { id, name: `Firma ${id} sp. z o.o.`, taxId: '526-025-02-74', ...extra },
});
const invoice = (id: string, customerId: string, amount: string, dueDate = '2026-11-01') => ({
  kind: 'invoice' as const,
  record: {
    id,
    number: id,
    customerId,
    issueDate: '2026-10-01',
    dueDate,
    currency: 'PLN',
    amount,
  },
});
const one = (...records: LedgerUnit) => records.map((record) => [record]);
const firstResult = async (written: Promise<RecordResult[][]>) => (await written).flat()[0]!;

describe('the ledger writer', () => {
  it('creates, then leaves unchanged, then updates what the source changed', async () => {
    const context = fixture.context();
    const batch = one(customer('K1'), invoice('FV/1', 'K1', '1230.45'));
    const first = await fixture.writer.write(context, batch);
    expect(first.flat().map((r) => r.status)).toEqual(['created', 'created']);

    const again = await fixture.writer.write(context, batch);
    expect(again.flat().map((r) => r.status)).toEqual(['unchanged', 'unchanged']);

    const changed = await fixture.writer.write(
      context,
      one(
        customer('K1', { city: 'Kraków', phones: ['601 234 567'] }),
        invoice('FV/1', 'K1', '1230.45', '2026-11-15'),
      ),
    );
    expect(changed.flat().map((r) => r.status)).toEqual(['updated', 'updated']);
    const events = await fixture.eventsOf(context.tenantId);
    expect(events.map((e) => e.type)).toEqual([
      'CustomerRegistered',
      'InvoiceIssued',
      'CustomerDetailsChanged',
      'CustomerContactsChanged',
      'InvoiceDueDateChanged',
    ]);
    expect(events[0]!.data).toMatchObject({ taxId: '5260250274', country: 'PL' });
    expect(events[1]!.data).toMatchObject({ amount: 123045, currency: 'PLN' });
    expect(events[3]!.data).toMatchObject({ phones: ['+48601234567'] });
  });

  it('refuses bad fields one by one, with a pointer each', async () => {
    const context = fixture.context();
    const result = await firstResult(
      fixture.writer.write(context, [
        [
          {
            kind: 'customer',
            record: { id: 'K9', name: '', taxId: '1234567890', emails: ['nope'], phones: ['12'] },
          },
        ],
      ]),
    );
    expect(result.status).toBe('rejected');
    expect(result.errors!.map((e) => e.pointer).sort()).toEqual([
      '/emails/0',
      '/name',
      '/phones/0',
      '/taxId',
    ]);
    const wrongCurrency = invoice('FV/9', 'K9', '10.001');
    const bad = await firstResult(
      fixture.writer.write(
        context,
        one({ ...wrongCurrency, record: { ...wrongCurrency.record, currency: 'XYZ' } }),
      ),
    );
    expect(bad.errors!.map((e) => e.pointer)).toEqual(['/currency']);
    expect(await fixture.eventsOf(context.tenantId)).toEqual([]);
  });

  it('lands a unit whole or not at all', async () => {
    const context = fixture.context();
    const [unit] = await fixture.writer.write(context, [
      [customer('K2'), invoice('FV/2', 'K2', '-5')],
    ]);
    expect(unit!.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await fixture.eventsOf(context.tenantId)).toEqual([]);
  });

  it('allocates a payment to the oldest due invoices first, the rest kept as credit', async () => {
    const context = fixture.context();
    await fixture.writer.write(
      context,
      one(
        customer('K3'),
        invoice('FV/late', 'K3', '100.00', '2026-11-20'),
        invoice('FV/old', 'K3', '60.00', '2026-10-15'),
      ),
    );
    const payment = {
      kind: 'payment' as const,
      record: {
        id: 'WB/1',
        customerId: 'K3',
        date: '2026-11-25',
        currency: 'PLN',
        amount: '200.00',
      },
    };
    await fixture.writer.write(context, one(payment));
    const allocated = (await fixture.eventsOf(context.tenantId)).at(-1)!;
    expect(allocated.type).toBe('PaymentAllocated');
    expect(allocated.data).toMatchObject({
      method: 'oldest_due_first',
      allocations: [
        { invoiceId: invoiceIdOf(context.tenantId, 'FV/old'), amount: 6000 },
        { invoiceId: invoiceIdOf(context.tenantId, 'FV/late'), amount: 10000 },
      ],
    });
  });

  it('refuses an explicit allocation beyond what is open', async () => {
    const context = fixture.context();
    await fixture.writer.write(context, one(customer('K4'), invoice('FV/4', 'K4', '50.00')));
    const result = await firstResult(
      fixture.writer.write(context, [
        [
          {
            kind: 'payment',
            record: {
              id: 'WB/4',
              customerId: 'K4',
              date: '2026-11-25',
              currency: 'PLN',
              amount: '80.00',
              allocations: [{ invoiceId: 'FV/4', amount: '80.00' }],
            },
          },
        ],
      ]),
    );
    expect(result.errors).toEqual([
      { pointer: '/allocations/0/amount', message: 'exceeds what is open on the invoice' },
    ]);
  });

  it('keeps an invoice number with its first customer', async () => {
    const context = fixture.context();
    await fixture.writer.write(
      context,
      one(customer('K5'), customer('K6'), invoice('FV/5', 'K5', '1')),
    );
    const result = await firstResult(
      fixture.writer.write(context, one(invoice('FV/5', 'K6', '1'))),
    );
    expect(result.errors![0]!.message).toMatch(/belongs to another customer/);
  });

  it('records balances the ERP reports, and credit notes against their invoice', async () => {
    const context = fixture.context();
    const withBalance = invoice('FV/7', 'K7', '100.00');
    await fixture.writer.write(
      context,
      one(customer('K7'), {
        ...withBalance,
        record: { ...withBalance.record, openAmount: '40.00' },
      }),
    );
    await fixture.writer.write(
      context,
      one({ ...withBalance, record: { ...withBalance.record, openAmount: '10.00' } }),
    );
    const note = invoice('KOR/7', 'K7', '-10.00');
    await fixture.writer.write(
      context,
      one({ ...note, record: { ...note.record, corrects: 'FV/7' } }),
    );
    const events = (await fixture.eventsOf(context.tenantId)).slice(2);
    expect(events.map((e) => [e.type, e.data.amount ?? e.data.change])).toEqual([
      ['InvoiceSettledInErp', 6000],
      ['InvoiceSettledInErp', 3000],
      ['InvoiceCorrected', -1000],
    ]);
  });

  it('decides again when another writer appended to the same account meanwhile', async () => {
    const context = fixture.context(randomUUID());
    await fixture.writer.write(context, one(customer('K8')));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fixture.writer.write(context, one(invoice(`FV/8/${i}`, 'K8', '10.00'))),
      ),
    );
    expect(results.flat(2).map((r) => r.status)).toEqual(Array(6).fill('created'));
    expect((await fixture.eventsOf(context.tenantId)).length).toBe(7);
  });

  it('decides a customer repeated on many rows once, and again after its unit was refused', async () => {
    const context = fixture.context();
    const repeated = customer('K10', { city: 'Gdańsk', phones: ['601 234 567'] });
    const results = await fixture.writer.write(context, [
      [repeated, invoice('FV/10/1', 'K10', '10.00')],
      [repeated, invoice('FV/10/2', 'K10', '20.00')],
      [customer('K11'), invoice('FV/11/1', 'K11', '-1')],
      [customer('K11'), invoice('FV/11/2', 'K11', '30.00')],
    ]);
    expect(results.map((unit) => unit.map((r) => r.status))).toEqual([
      ['created', 'created'],
      ['unchanged', 'created'],
      ['rejected', 'rejected'],
      ['created', 'created'],
    ]);
    const types = (await fixture.eventsOf(context.tenantId)).map((e) => e.type);
    expect(types.filter((type) => type === 'CustomerRegistered')).toHaveLength(2);
    expect(types.filter((type) => type === 'CustomerContactsChanged')).toHaveLength(1);
  });

  it('builds only events that meet their schemas, at the longest fields it accepts', async () => {
    const context = fixture.context();
    const long = (n: number) => 'ż'.repeat(n);
    const record = { city: long(200), street: long(200), postalCode: long(20) };
    const longest = customer(long(200), { ...record, name: long(200), country: 'DE' });
    const id = long(200);
    const written = await fixture.writer.write(context, [
      [
        { ...longest, record: { ...longest.record, taxId: 'DE'.padEnd(30, '1') } },
        invoice(id, id, '999999999.99'),
      ],
      [customer('K12', { street: long(201) })],
    ]);
    expect(written.map((unit) => unit.map((r) => r.status))).toEqual([
      ['created', 'created'],
      ['rejected'],
    ]);
    expect(written[1]![0]!.errors).toEqual([
      { pointer: '/street', message: 'is longer than 200 characters' },
    ]);

    const { rows } = await fixture.pool.query<NewEvent>(
      'SELECT id::text, type, data, metadata FROM events WHERE tenant_id = $1',
      [context.tenantId],
    );
    const everyEvent = new EventTypeRegistry(ledgerEventTypes);
    expect(rows.map((event) => everyEvent.validate(event))).toEqual([1, 1]);
  });
});
