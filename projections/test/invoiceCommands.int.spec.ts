import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
beforeAll(async () => (access = await startAccessServer()));
afterAll(() => access.close());

const invoice = (id: string, dueDate: string, amount: string) => ({
  id,
  number: id,
  customerId: 'K1',
  issueDate: '2026-09-01',
  dueDate,
  currency: 'PLN',
  amount,
});

describe('commands on invoices and payments', () => {
  it('writes off, cancels, defers, and allocates credit left on a payment', async () => {
    const { browser } = await signUp(access.server.url, 'Polecenia');
    await browser.request('POST', '/api/ledger/batch', {
      customers: [{ id: 'K1', name: 'Firma K1' }],
      invoices: [
        invoice('FV/1', '2026-09-15', '100.00'),
        invoice('FV/2', '2026-10-15', '200.00'),
        invoice('FV/3', '2026-11-15', '300.00'),
      ],
      payments: [
        {
          id: 'WB/1',
          customerId: 'K1',
          date: '2026-11-20',
          currency: 'PLN',
          amount: '150.00',
          allocations: [],
        },
      ],
    });
    await expect
      .poll(async () => (await browser.request('GET', '/api/invoices')).body.items.length)
      .toBe(3);
    const [fv1, fv2, fv3] = (await browser.request('GET', '/api/invoices?sort=number')).body.items;
    const customer = fv1.customerId;
    const on = (invoiceId: string, path: string) =>
      `/api/customers/${customer}/invoices/${invoiceId}/${path}`;

    const tooMuch = await browser.request('POST', on(fv1.id, 'write-off'), { amount: '100.01' });
    expect(tooMuch.body.errors).toEqual([
      { pointer: '/body/amount', detail: 'exceeds the 100.00 open' },
    ]);
    expect(
      (await browser.request('POST', on(fv1.id, 'write-off'), { amount: '40.00', reason: 'Rabat' }))
        .body,
    ).toEqual({
      open: '60.00',
      currency: 'PLN',
    });
    expect(
      (await browser.request('POST', on(fv3.id, 'cancellation'), { reason: 'Pomyłka' })).status,
    ).toBe(200);
    const before = await browser.request('PUT', on(fv2.id, 'due-date'), { dueDate: '2026-08-01' });
    expect(before.body.errors[0].pointer).toBe('/body/dueDate');
    await browser.request('PUT', on(fv2.id, 'due-date'), { dueDate: '2026-12-31' });

    const payment = (await browser.request('GET', '/api/payments')).body.items[0];
    expect(payment.unallocated).toBe('150.00');
    const allocated = await browser.request(
      'POST',
      `/api/customers/${customer}/payments/${payment.id}/allocation`,
      {},
    );
    expect(allocated.body).toEqual({ allocated: '150.00', credit: '0.00', currency: 'PLN' });

    await expect
      .poll(async () =>
        (await browser.request('GET', '/api/invoices?sort=number')).body.items.map(
          (i: { number: string; open: string; status: string; dueDate: string }) => [
            i.number,
            i.open,
            i.status,
            i.dueDate,
          ],
        ),
      )
      .toEqual([
        ['FV/1', '0.00', 'paid', '2026-09-15'],
        ['FV/2', '110.00', 'open', '2026-12-31'],
        ['FV/3', '0.00', 'cancelled', '2026-11-15'],
      ]);
    const detail = (await browser.request('GET', `/api/invoices/${fv1.id}`)).body;
    expect(
      detail.allocations.map((a: { kind: string; amount: string }) => [a.kind, a.amount]),
    ).toEqual([
      ['paid', '60.00'],
      ['written_off', '40.00'],
    ]);
  });
});
