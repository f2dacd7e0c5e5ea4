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

const PLN = [1, 2, 3, 4, 5].map((n) => ({ number: `FV/${n}/2026`, amount: `${n}00.00` }));
const EUR = [6, 7].map((n) => ({ number: `FV/${n}/2026/E`, amount: `${n}0.00` }));

describe('a template sent to a customer', () => {
  it('goes as one message per currency, each with its invoices, totals and title', async () => {
    const { browser } = await signUp(access.server.url, 'Wysyłka');
    const batch = await browser.request('POST', '/api/ledger/batch', {
      customers: [{ id: 'K1', name: 'Dłużnik sp. z o.o.', emails: ['ksiegowosc@dluznik.pl'] }],
      invoices: [
        ...PLN.map((i, n) => ({ ...i, currency: 'PLN', dueDate: day(-10 - n) })),
        ...EUR.map((i, n) => ({ ...i, currency: 'EUR', dueDate: day(-20 - n) })),
      ].map((i) => ({
        id: i.number,
        number: i.number,
        customerId: 'K1',
        issueDate: day(-60),
        dueDate: i.dueDate,
        currency: i.currency,
        amount: i.amount,
      })),
    });
    expect(batch.body.summary.rejected).toBe(0);
    await expect
      .poll(async () => (await browser.request('GET', '/api/customers')).body.items.length)
      .toBe(1);
    const customerId = (await browser.request('GET', '/api/customers')).body.items[0].id;
    const template = await browser.request('POST', '/api/templates', {
      name: 'Przypomnienie',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Zaległe płatności {{ currency }}',
      html:
        '<p>{% for invoice in invoices %}{{ invoice.number }};{% endfor %}</p>' +
        '<p>Razem: {{ totals.open | money }}</p><p>Tytuł: {{ transfer_title }}</p>',
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    await expect
      .poll(async () => (await browser.request('GET', `/api/templates/${template.body.id}`)).status)
      .toBe(200);

    const sent = await browser.request('POST', '/api/messages/send', {
      templateId: template.body.id,
      customerId,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.to).toBe('ksiegowosc@dluznik.pl');
    expect(
      sent.body.messages.map((m: { currency: string; status: string }) => [m.currency, m.status]),
    ).toEqual([
      ['EUR', 'sent'],
      ['PLN', 'sent'],
    ]);
    const mailbox = (await browser.request('GET', '/api/mailbox')).body.messages as {
      subject: string;
      text: string;
    }[];
    expect(mailbox).toHaveLength(2);
    // Amounts are grouped with no-break spaces, as Polish typesetting wants.
    const textOf = (currency: string) =>
      mailbox.find((m) => m.subject.includes(currency))!.text.replace(/\u00a0/g, ' ');
    const pln = { text: textOf('PLN') };
    const eur = { text: textOf('EUR') };
    // Oldest due first: FV/5 is due 14 days ago, FV/1 10 days ago.
    const plnNumbers = [...PLN].reverse().map((i) => i.number);
    expect(pln.text).toContain(plnNumbers.join(';'));
    expect(pln.text).toContain('1 500,00 zł');
    expect(pln.text).toContain(`Tytuł: ${plnNumbers.join(', ')}`);
    expect(eur.text).toContain('FV/7/2026/E;FV/6/2026/E;');
    expect(eur.text).toContain('130,00 €');
    expect(eur.text).not.toContain('FV/1/2026');

    await expect
      .poll(
        async () =>
          (await browser.request('GET', '/api/messages?purpose=manual')).body.items.length,
      )
      .toBe(2);
    const noPhone = await browser.request('POST', '/api/templates', {
      name: 'SMS',
      medium: 'sms',
      language: 'pl',
      kind: 'reminder',
      text: 'Prosimy o zapłatę {{ totals.open | money }}.',
    });
    await expect
      .poll(async () => (await browser.request('GET', `/api/templates/${noPhone.body.id}`)).status)
      .toBe(200);
    const refused = await browser.request('POST', '/api/messages/send', {
      templateId: noPhone.body.id,
      customerId,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { pointer: '/body/customerId', detail: 'has no phone number' },
    ]);
  });
});
