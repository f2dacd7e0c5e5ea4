import {
  companyDay,
  signUp,
  startAccessServer,
  type AccessServer,
  type Browser,
} from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
let url: string;
beforeAll(async () => {
  access = await startAccessServer();
  url = access.server.url;
});
afterAll(() => access.close());

const daysAgo = (days: number) => companyDay(-days);

const ledger = {
  customers: [
    {
      id: 'K1',
      name: 'Hurtownia Żółw sp. z o.o.',
      taxId: '5260250274',
      city: 'Kraków',
      emails: ['biuro@zolw.pl'],
    },
    {
      id: 'K2',
      name: 'Transport Nowak',
      taxId: 'PL 779-000-00-09'.replace('779-000-00-09', '7792433421'),
    },
  ],
  invoices: [
    {
      id: 'FV/1',
      number: 'FV/1',
      customerId: 'K1',
      issueDate: daysAgo(60),
      dueDate: daysAgo(45),
      currency: 'PLN',
      amount: '1000.00',
    },
    {
      id: 'FV/2',
      number: 'FV/2',
      customerId: 'K1',
      issueDate: daysAgo(20),
      dueDate: daysAgo(5),
      currency: 'PLN',
      amount: '250.50',
    },
    {
      id: 'FV/3',
      number: 'FV/3',
      customerId: 'K1',
      issueDate: daysAgo(3),
      dueDate: daysAgo(-11),
      currency: 'EUR',
      amount: '99.99',
    },
    {
      id: 'FV/4',
      number: 'FV/4',
      customerId: 'K2',
      issueDate: daysAgo(200),
      dueDate: daysAgo(190),
      currency: 'PLN',
      amount: '5000.00',
    },
  ],
  payments: [
    {
      id: 'WB/1',
      customerId: 'K1',
      date: daysAgo(2),
      currency: 'PLN',
      amount: '400.00',
      reference: 'FV/1',
    },
  ],
};

async function loaded(browser: Browser) {
  const response = await browser.request('POST', '/api/ledger/batch', ledger);
  expect(response.status).toBe(200);
  await expect
    .poll(async () => (await browser.request('GET', '/api/payments')).body.items?.length)
    .toBe(1);
  return response.body;
}

describe('the ledger API', () => {
  it('imports a batch with a result per record, and reads it back aged', async () => {
    const { browser } = await signUp(url, 'Ledger');
    const result = await loaded(browser);
    expect(result.summary).toEqual({ created: 7, updated: 0, unchanged: 0, rejected: 0 });

    const list = (await browser.request('GET', '/api/customers?sort=-overdue')).body;
    for (const sort of ['-overdue', 'name']) {
      const first = (await browser.request('GET', `/api/customers?sort=${sort}&limit=1`)).body;
      const second = (
        await browser.request('GET', `/api/customers?sort=${sort}&limit=1&after=${first.next}`)
      ).body;
      expect(
        [...first.items, ...second.items].map((c: { sourceId: string }) => c.sourceId),
      ).toEqual(sort === 'name' ? ['K1', 'K2'] : ['K2', 'K1']);
      expect(second.next).toBeNull();
    }
    const byDue = (await browser.request('GET', '/api/invoices?limit=2')).body;
    const restByDue = (await browser.request('GET', `/api/invoices?limit=2&after=${byDue.next}`))
      .body;
    expect([...byDue.items, ...restByDue.items].map((i: { number: string }) => i.number)).toEqual([
      'FV/4',
      'FV/1',
      'FV/2',
      'FV/3',
    ]);
    expect(list.items.map((c: { sourceId: string }) => c.sourceId)).toEqual(['K2', 'K1']);
    const k1 = list.items[1];
    expect(k1.balances).toEqual([
      { currency: 'EUR', open: '99.99', overdue: '0.00' },
      { currency: 'PLN', open: '850.50', overdue: '850.50' },
    ]);

    const detail = (await browser.request('GET', `/api/customers/${k1.id}`)).body;
    expect(detail).toMatchObject({
      name: 'Hurtownia Żółw sp. z o.o.',
      lastPaymentDate: daysAgo(2),
    });
    const invoices = (
      await browser.request('GET', `/api/invoices?customerId=${k1.id}&status=overdue`)
    ).body;
    expect(
      invoices.items.map((i: { number: string; open: string; daysOverdue: number }) => [
        i.number,
        i.open,
        i.daysOverdue,
      ]),
    ).toEqual([
      ['FV/1', '600.00', 45],
      ['FV/2', '250.50', 5],
    ]);

    const search = (await browser.request('GET', `/api/customers?q=${encodeURIComponent('żółw')}`))
      .body;
    expect(search.items).toHaveLength(1);
    const byInvoice = (await browser.request('GET', '/api/customers?q=fv/4')).body;
    expect(byInvoice.items.map((c: { sourceId: string }) => c.sourceId)).toEqual(['K2']);

    const aging = (await browser.request('GET', '/api/aging?currency=PLN')).body;
    const pln = aging.currencies[0];
    expect(pln.buckets.map((b: { label: string; open: string }) => [b.label, b.open])).toEqual([
      ['not_due', '0.00'],
      ['1-30', '250.50'],
      ['31-60', '600.00'],
      ['61-90', '0.00'],
      ['91-180', '0.00'],
      ['180+', '5000.00'],
    ]);
    // Three days ago the payment had not arrived: FV/1 was open in full.
    const before = (await browser.request('GET', `/api/aging?currency=PLN&asOf=${daysAgo(3)}`))
      .body;
    expect(before.currencies[0].buckets[2]).toMatchObject({ label: '31-60', open: '1000.00' });

    const timeline = (await browser.request('GET', `/api/customers/${k1.id}/timeline`)).body;
    expect(timeline.items[0].type).toBe('PaymentAllocated');
    const fv1 = timeline.items[0].data.allocations[0].invoiceId;
    expect(timeline.invoices[fv1]).toEqual({ number: 'FV/1', currency: 'PLN' });
  });

  it('answers a retry with its first result and refuses the key with another body', async () => {
    const { browser } = await signUp(url, 'Idem');
    const send = (body: unknown) =>
      fetch(`${url}/api/ledger/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: browser.cookie!,
          'x-csrf-token': browser.csrfToken!,
          'idempotency-key': 'batch-1',
        },
        body: JSON.stringify(body),
      });
    const first = await send({ customers: ledger.customers });
    const firstBody = (await first.json()) as { summary: { created: number } };
    expect(firstBody.summary.created).toBe(2);
    const again = await send({ customers: ledger.customers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    const other = await send({ customers: [ledger.customers[0]] });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency_key_reused');
  });

  it('refuses a record with its reasons and lands the rest', async () => {
    const { browser } = await signUp(url, 'Partial');
    const response = await browser.request('POST', '/api/ledger/batch', {
      customers: [ledger.customers[0], { id: 'K3', name: 'Zły NIP', taxId: '1234567890' }],
    });
    expect(response.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(response.body.results[1].errors).toEqual([
      { pointer: '/customers/1/taxId', detail: 'A Polish NIP has 10 digits and a valid checksum' },
    ]);
  });
});
