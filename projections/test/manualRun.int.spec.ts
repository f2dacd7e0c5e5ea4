import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
beforeAll(async () => {
  access = await startAccessServer();
});
afterAll(() => access.close());

const DAY = 86_400_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
const day = (offset: number) =>
  new Date(Date.parse(today) + offset * DAY).toISOString().slice(0, 10);
const READ_MODEL = { timeout: 15_000 };

describe('a manual run', () => {
  it('shows who gets what, sends only what was confirmed, and only once', async () => {
    const { browser } = await signUp(access.server.url, 'Ręcznie');
    await browser.request('POST', '/api/ledger/batch', {
      customers: [
        { id: 'A', name: 'Alfa', emails: ['alfa@x.pl'] },
        { id: 'B', name: 'Beta', emails: ['beta@x.pl'] },
        { id: 'C', name: 'Gamma' },
      ],
      invoices: [
        ['A', 'PLN', '100.00'],
        ['A', 'EUR', '20.00'],
        ['B', 'PLN', '300.00'],
        ['C', 'PLN', '50.00'],
      ].map(([customerId, currency, amount], i) => ({
        id: `FV/${i}`,
        number: `FV/${i}`,
        customerId,
        issueDate: day(-40),
        dueDate: day(-10),
        currency,
        amount,
      })),
    });
    const group = await browser.request('POST', '/api/groups', {
      name: 'Po terminie',
      criteria: { field: 'daysOverdue', op: 'between', value: { min: 1 } },
    });
    const template = await browser.request('POST', '/api/templates', {
      name: 'Wezwanie',
      medium: 'email',
      language: 'pl',
      kind: 'demand',
      subject: 'Wezwanie {{ currency }}',
      html: '<p>{{ totals.open | money }}</p>',
    });
    await expect
      .poll(
        async () => (await browser.request('GET', `/api/groups/${group.body.id}`)).status,
        READ_MODEL,
      )
      .toBe(200);
    await expect
      .poll(
        async () => (await browser.request('GET', `/api/templates/${template.body.id}`)).status,
        READ_MODEL,
      )
      .toBe(200);
    const body = { audience: { groupId: group.body.id }, templateId: template.body.id };
    const plan = (await browser.request('POST', '/api/manual-runs/preview', body)).body;
    expect(plan).toMatchObject({ count: 3, withoutAddress: 1, customers: 3 });
    expect(
      plan.messages.map(
        (m: { name: string; currency: string; to: string | null; open: string }) => [
          m.name,
          m.currency,
          m.to,
          m.open,
        ],
      ),
    ).toEqual([
      ['Alfa', 'EUR', 'alfa@x.pl', '20.00'],
      ['Alfa', 'PLN', 'alfa@x.pl', '100.00'],
      ['Beta', 'PLN', 'beta@x.pl', '300.00'],
      ['Gamma', 'PLN', null, '50.00'],
    ]);

    const wrong = await browser.request('POST', '/api/manual-runs', { ...body, confirmation: 'x' });
    expect(wrong.status).toBe(409);
    const sent = await browser.request('POST', '/api/manual-runs', {
      ...body,
      confirmation: plan.confirmation,
    });
    expect(sent).toMatchObject({ status: 202, body: { queued: 3, already: 0 } });
    const again = await browser.request('POST', '/api/manual-runs', {
      ...body,
      confirmation: plan.confirmation,
    });
    expect(again.body).toEqual({ queued: 0, already: 3 });
    await expect
      .poll(
        async () =>
          (await browser.request('GET', '/api/messages?purpose=manual')).body.items.length,
        READ_MODEL,
      )
      .toBe(3);

    // Beta pays: the confirmed plan is no longer what a run would send.
    await browser.request('POST', '/api/ledger/batch', {
      payments: [{ id: 'WB/B', customerId: 'B', date: today, currency: 'PLN', amount: '300.00' }],
    });
    await expect
      .poll(
        async () => (await browser.request('POST', '/api/manual-runs/preview', body)).body.count,
        READ_MODEL,
      )
      .toBe(2);
    const stale = await browser.request('POST', '/api/manual-runs', {
      ...body,
      confirmation: plan.confirmation,
    });
    expect(stale.status).toBe(409);

    const customers = (await browser.request('GET', '/api/customers')).body.items as {
      id: string;
      name: string;
    }[];
    const picked = await browser.request('POST', '/api/manual-runs/preview', {
      audience: { customerIds: [customers.find((c) => c.name === 'Alfa')!.id] },
      templateId: template.body.id,
    });
    expect(picked.body).toMatchObject({ count: 2, customers: 1 });
  });
});
