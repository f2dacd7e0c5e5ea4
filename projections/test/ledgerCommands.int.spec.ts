import { signUp, startAccessServer, type AccessServer, type Browser } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
let url: string;
beforeAll(async () => {
  access = await startAccessServer();
  url = access.server.url;
});
afterAll(() => access.close());

async function withCustomers(browser: Browser, ids: string[]) {
  await browser.request('POST', '/api/ledger/batch', {
    customers: ids.map((id) => ({
      id,
      name: `Firma ${id}`,
      city: id === 'K1' ? 'Kraków' : 'Gdańsk',
    })),
    invoices: [
      {
        id: 'FV/1',
        number: 'FV/1',
        customerId: 'K1',
        issueDate: '2026-10-01',
        dueDate: '2026-10-15',
        currency: 'PLN',
        amount: '10.00',
      },
    ],
  });
  await expect
    .poll(async () => (await browser.request('GET', '/api/customers')).body.items.length)
    .toBe(ids.length);
  const items = (await browser.request('GET', '/api/customers?sort=sourceId')).body.items;
  return items.map((c: { id: string }) => c.id) as string[];
}

describe('categories, attributes, exclusion and notes', () => {
  it("changes a customer's details and contacts by hand, each field checked", async () => {
    const { browser } = await signUp(url, 'Dane');
    const [k1] = await withCustomers(browser, ['K1']);
    const bad = await browser.request('PATCH', `/api/customers/${k1}`, {
      taxId: '123',
      phones: ['601 234 567', 'zły'],
    });
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/taxId',
      '/body/phones/1',
    ]);
    const changed = await browser.request('PATCH', `/api/customers/${k1}`, {
      city: 'Wrocław',
      emails: ['ksiegowosc@firma.pl'],
      phones: ['601 234 567'],
    });
    expect(changed.body).toEqual({ changed: true });
    await expect
      .poll(async () => (await browser.request('GET', `/api/customers/${k1}`)).body)
      .toMatchObject({
        city: 'Wrocław',
        emails: ['ksiegowosc@firma.pl'],
        phones: ['+48601234567'],
      });
    const again = await browser.request('PATCH', `/api/customers/${k1}`, { city: 'Wrocław' });
    expect(again.body).toEqual({ changed: false });
  });

  it('defines categories and attributes, and sets them on a customer', async () => {
    const { browser } = await signUp(url, 'Kategorie');
    const [k1] = await withCustomers(browser, ['K1']);
    const vip = (
      await browser.request('POST', '/api/categories', { name: 'VIP', colour: '#FF0000' })
    ).body;
    expect(vip).toMatchObject({ name: 'VIP', colour: '#ff0000' });
    expect(
      (await browser.request('POST', '/api/categories', { name: 'vip', colour: '#00ff00' })).status,
    ).toBe(409);
    const limit = (
      await browser.request('POST', '/api/attributes', { name: 'Limit kredytowy', type: 'number' })
    ).body;
    expect(
      (await browser.request('POST', '/api/attributes', { name: 'Region', type: 'choice' })).status,
    ).toBe(400);

    expect(
      (await browser.request('PUT', `/api/customers/${k1}/categories`, { categoryIds: [vip.id] }))
        .status,
    ).toBe(200);
    const wrong = await browser.request('PUT', `/api/customers/${k1}/attributes/${limit.id}`, {
      value: 'dużo',
    });
    expect(wrong.body.errors).toEqual([
      { pointer: '/body/value', detail: '"dużo" is not a number' },
    ]);
    await browser.request('PUT', `/api/customers/${k1}/attributes/${limit.id}`, {
      value: '15 000,50',
    });
    await browser.request('POST', `/api/customers/${k1}/exclusion`, {
      excluded: true,
      reason: 'Upadłość',
    });

    await expect
      .poll(async () => (await browser.request('GET', `/api/customers/${k1}`)).body)
      .toMatchObject({
        categoryIds: [vip.id],
        attributes: { [limit.id]: 15000.5 },
        excluded: true,
        exclusionReason: 'Upadłość',
      });
    const filtered = (
      await browser.request('GET', `/api/customers?categoryId=${vip.id}&excluded=true`)
    ).body;
    expect(filtered.items).toHaveLength(1);
  });

  it('adds and removes categories in bulk for a filtered selection', async () => {
    const { browser } = await signUp(url, 'Hurtem');
    await withCustomers(browser, ['K1', 'K2', 'K3']);
    const north = (
      await browser.request('POST', '/api/categories', { name: 'Północ', colour: '#0000ff' })
    ).body;
    const bulk = await browser.request('POST', '/api/customers/categories', {
      filter: { city: 'gdańsk' },
      add: [north.id],
    });
    expect(bulk.body).toEqual({ customers: 2 });
    await expect
      .poll(
        async () =>
          (await browser.request('GET', `/api/customers?categoryId=${north.id}`)).body.items.length,
      )
      .toBe(2);
    const again = await browser.request('POST', '/api/customers/categories', {
      filter: { city: 'Gdańsk' },
      add: [north.id],
    });
    expect(again.body).toEqual({ customers: 0 });
  });

  it('keeps notes shared with the team, changed only by their author', async () => {
    const { browser: owner } = await signUp(url, 'Notatki');
    const [k1] = await withCustomers(owner, ['K1']);
    const invoiceId = (await owner.request('GET', '/api/invoices')).body.items[0].id;
    const note = (
      await owner.request('POST', `/api/customers/${k1}/notes`, {
        text: 'Obiecał zapłacić w piątek',
        invoiceId,
      })
    ).body;
    await expect
      .poll(
        async () => (await owner.request('GET', `/api/invoices/${invoiceId}`)).body.notes?.length,
      )
      .toBe(1);
    expect(
      (await owner.request('PATCH', `/api/notes/${note.id}`, { text: 'Zapłaci w poniedziałek' }))
        .status,
    ).toBe(200);
    await expect
      .poll(async () => (await owner.request('GET', `/api/customers/${k1}`)).body.notes[0])
      .toMatchObject({
        text: 'Zapłaci w poniedziałek',
        authorName: 'Owner of Notatki',
        editedAt: expect.any(String),
      });

    const key = (await owner.request('POST', '/api/api-keys', { name: 'ERP', role: 'collector' }))
      .body;
    const byKey = await fetch(`${url}/api/notes/${note.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(byKey.status).toBe(403);
    expect((await owner.request('DELETE', `/api/notes/${note.id}`)).status).toBe(204);
    await expect
      .poll(async () => (await owner.request('GET', `/api/customers/${k1}`)).body.notes)
      .toEqual([]);
  });

  it('lets an owner define aging schemes of any buckets, refusing overlaps', async () => {
    const { browser } = await signUp(url, 'Wiekowanie');
    const overlapping = await browser.request('POST', '/api/aging-schemes', {
      name: 'Zły',
      buckets: [
        { label: '0-30', from: null, to: 30 },
        { label: '20-60', from: 20, to: null },
      ],
    });
    expect(overlapping.body.errors[0].pointer).toBe('/body/buckets/1/from');
    const scheme = (
      await browser.request('POST', '/api/aging-schemes', {
        name: 'Kwartały',
        buckets: [
          { label: 'nieprzeterminowane', from: null, to: 0 },
          { label: '1-90', from: 1, to: 90 },
          { label: '90+', from: 91, to: null },
        ],
      })
    ).body;
    const schemes = (await browser.request('GET', '/api/aging-schemes')).body.items;
    expect(schemes.map((s: { name: string; builtIn: boolean }) => [s.name, s.builtIn])).toEqual([
      ['Standard', true],
      ['Kwartały', false],
    ]);
    await withCustomers(browser, ['K1']);
    const aging = (await browser.request('GET', `/api/aging?schemeId=${scheme.id}&asOf=2026-11-01`))
      .body;
    expect(aging.currencies[0].buckets.map((b: { count: number }) => b.count)).toEqual([0, 1, 0]);
    expect((await browser.request('DELETE', `/api/aging-schemes/${schemes[0].id}`)).status).toBe(
      409,
    );
  });
});
