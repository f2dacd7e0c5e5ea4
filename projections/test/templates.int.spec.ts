import {
  addStarterTemplates,
  EventTypeRegistry,
  PostgresEventStore,
  TenantDatabase,
  templateEventTypes,
} from '@monity/core';
import {
  companyDay,
  signUp,
  startAccessServer,
  type AccessServer,
  type Browser,
} from '@monity/core/testing';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMessageContext, renderMessages } from '../src/index.ts';

/**
 * Message templates through the API: saved as events and read back from their read model,
 * previewed for a customer whose ledger this file loads, as one message per currency.
 */

let access: AccessServer;
let url: string;
beforeAll(async () => {
  access = await startAccessServer();
  url = access.server.url;
});
afterAll(() => access.close());

const today = companyDay();
const daysAgo = (days: number) => companyDay(-days);
const numeric = (day: string) => day.split('-').reverse().join('.');
const NBSP = '\u00a0';

const PLN_INVOICES = [
  { number: 'FV/1/2026', daysOverdue: 40, amount: '1000.00', open: `1${NBSP}000,00${NBSP}zł` },
  { number: 'FV/2/2026', daysOverdue: 30, amount: '2345.67', open: `2${NBSP}000,00${NBSP}zł` },
  { number: 'FV/3/2026', daysOverdue: 20, amount: '99.99', open: `99,99${NBSP}zł` },
  { number: 'FV/4/2026', daysOverdue: 10, amount: '12000.00', open: `12${NBSP}000,00${NBSP}zł` },
  { number: 'FV/5/2026', daysOverdue: 5, amount: '500.50', open: `500,50${NBSP}zł` },
];
const EUR_INVOICES = [
  { number: 'FV/E/7/2026', daysOverdue: 15, amount: '1500.00', open: `1${NBSP}500,00${NBSP}€` },
  { number: 'FV/E/9/2026', daysOverdue: 3, amount: '250.25', open: `250,25${NBSP}€` },
];

const invoiceRecord = (
  { number, daysOverdue, amount }: (typeof PLN_INVOICES)[number],
  currency: string,
) => ({
  id: number,
  number,
  customerId: 'K1',
  issueDate: daysAgo(daysOverdue + 30),
  dueDate: daysAgo(daysOverdue),
  currency,
  amount,
});

/** A company with its address and accounts, and a customer owing in PLN and EUR. */
async function company(name: string) {
  const signed = await signUp(url, name);
  const { browser } = signed;
  const details = await browser.request('PATCH', '/api/tenant', {
    address: { street: 'ul. Długa 5', postalCode: '00-950', city: 'Warszawa', country: 'PL' },
    bankAccounts: [
      { iban: 'PL61109010140000071219812874', bankName: 'Santander', currency: 'PLN' },
      { iban: 'PL27114020040000300201355387', bankName: 'mBank', currency: 'EUR' },
    ],
  });
  expect(details.status).toBe(200);
  const batch = await browser.request('POST', '/api/ledger/batch', {
    customers: [
      {
        id: 'K1',
        name: 'Kowalski i Wspólnicy sp.j.',
        taxId: '7740001454',
        street: 'ul. Polna 7',
        postalCode: '30-001',
        city: 'Kraków',
      },
      { id: 'K2', name: 'Bez Długów SA' },
    ],
    invoices: [
      ...PLN_INVOICES.map((invoice) => invoiceRecord(invoice, 'PLN')),
      ...EUR_INVOICES.map((invoice) => invoiceRecord(invoice, 'EUR')),
      { ...invoiceRecord(PLN_INVOICES[0]!, 'PLN'), id: 'FV/0/2026', number: 'FV/0/2026' },
    ],
    payments: [
      {
        id: 'WB/1',
        customerId: 'K1',
        date: daysAgo(1),
        currency: 'PLN',
        amount: '1345.67',
        allocations: [
          { invoiceId: 'FV/2/2026', amount: '345.67' },
          { invoiceId: 'FV/0/2026', amount: '1000.00' },
        ],
      },
    ],
  });
  expect(batch.body.summary.rejected).toBe(0);
  // The payment is the batch's last event: once it is read, so is the rest.
  await vi.waitFor(
    async () => {
      const payments = await browser.request('GET', '/api/payments');
      expect(payments.body.items).toHaveLength(1);
    },
    { timeout: 10_000 },
  );
  const customers = await browser.request('GET', '/api/customers?q=Kowalski');
  return { ...signed, customerId: customers.body.items[0].id as string };
}

const LISTING =
  '{{ customer.name }}, {{ currency }}\n' +
  "{% for invoice in invoices %}{{ invoice.number }}; {{ invoice.due_date | date_pl: 'numeric' }}; " +
  '{{ invoice.days_overdue }} dni; {{ invoice.open_amount | money }}\n{% endfor %}' +
  "Razem {{ totals.count }} {{ totals.count | plural: 'faktura', 'faktury', 'faktur' }}: " +
  '{{ totals.open | money }}, po terminie {{ totals.overdue | money }}\n' +
  'Tytuł przelewu: {{ transfer_title }}\nRachunek: {{ creditor.bank_account }}';

const listingEmail = {
  name: 'Zestawienie',
  kind: 'reminder',
  medium: 'email',
  language: 'pl',
  subject: 'Zaległości w {{ currency }}: {{ totals.open | money }}',
  html: '<ul>{% for invoice in invoices %}<li>{{ invoice.number }}</li>{% endfor %}</ul>',
  text: LISTING,
};

function expectedListing(
  currency: string,
  invoices: typeof PLN_INVOICES,
  totals: string,
  account: string,
) {
  const lines = invoices.map(
    (i) => `${i.number}; ${numeric(daysAgo(i.daysOverdue))}; ${i.daysOverdue} dni; ${i.open}`,
  );
  const count = invoices.length === 2 ? '2 faktury' : `${invoices.length} faktur`;
  return [
    `Kowalski i Wspólnicy sp.j., ${currency}`,
    ...lines,
    `Razem ${count}: ${totals}, po terminie ${totals}`,
    `Tytuł przelewu: ${invoices.map((i) => i.number).join(', ')}`,
    `Rachunek: ${account}`,
  ].join('\n');
}

const preview = (browser: Browser, body: object) =>
  browser.request('POST', '/api/templates/preview', body);

describe('previewing a template for a customer', () => {
  let owner: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    owner = await company('Szablony');
  });

  it('writes one message per currency, each with its invoices, totals and transfer title', async () => {
    const { status, body } = await preview(owner.browser, {
      ...listingEmail,
      customerId: owner.customerId,
    });
    expect(status).toBe(200);
    expect(body.messages).toHaveLength(2);
    const [eur, pln] = body.messages;

    expect(pln.currency).toBe('PLN');
    expect(pln.subject).toBe(`Zaległości w PLN: 15${NBSP}600,49${NBSP}zł`);
    expect(pln.text).toBe(
      expectedListing(
        'PLN',
        PLN_INVOICES,
        `15${NBSP}600,49${NBSP}zł`,
        'PL61 1090 1014 0000 0712 1981 2874',
      ),
    );
    expect(pln.invoiceIds).toHaveLength(5);
    expect(pln.html).toBe(`<ul>${PLN_INVOICES.map((i) => `<li>${i.number}</li>`).join('')}</ul>`);

    expect(eur.currency).toBe('EUR');
    expect(eur.text).toBe(
      expectedListing(
        'EUR',
        EUR_INVOICES,
        `1${NBSP}750,25${NBSP}€`,
        'PL27 1140 2004 0000 3002 0135 5387',
      ),
    );
    expect(eur.invoiceIds).toHaveLength(2);
  });

  it('writes only the currency asked for, and nothing for a customer who owes nothing', async () => {
    const onlyEur = await preview(owner.browser, {
      ...listingEmail,
      customerId: owner.customerId,
      currency: 'EUR',
    });
    expect(onlyEur.body.messages.map((m: { currency: string }) => m.currency)).toEqual(['EUR']);

    const customers = (await owner.browser.request('GET', '/api/customers?q=Długów')).body;
    const none = await preview(owner.browser, {
      ...listingEmail,
      customerId: customers.items[0].id,
    });
    expect(none.body).toEqual({ messages: [] });
  });

  it('answers syntax errors with the field, line and column, as saving does', async () => {
    const html =
      '<p>Dzień dobry</p>\n<p>{{ customer.name }}</p>\n<p>Kwota: {{ totals.open | mony }}</p>';
    for (const response of [
      await preview(owner.browser, { ...listingEmail, html, customerId: owner.customerId }),
      await owner.browser.request('POST', '/api/templates', { ...listingEmail, html }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { pointer: '/body/html', detail: 'line 3, column 11: undefined filter: mony' },
      ]);
    }
    const unknown = await preview(owner.browser, {
      medium: 'sms',
      language: 'pl',
      text: 'Kwota {{ totals.otwarte }}',
      customerId: owner.customerId,
    });
    expect(unknown.body.errors).toEqual([
      { pointer: '/body/text', detail: 'line 1, column 10: unknown variable totals.otwarte' },
    ]);
  });

  it('shows the HTML sanitised, as a recipient sees it', async () => {
    const { body } = await preview(owner.browser, {
      ...listingEmail,
      html: '<p onmouseover="x()">{{ customer.name }}</p><script>alert("x")</script>',
      customerId: owner.customerId,
      currency: 'PLN',
    });
    expect(body.messages[0].html).toBe('<p>Kowalski i Wspólnicy sp.j.</p>');
  });

  it("counts an SMS's length and parts, and again with Polish letters replaced", async () => {
    const { body } = await preview(owner.browser, {
      medium: 'sms',
      language: 'pl',
      text: 'Przypominamy o płatności {{ totals.open | money }}. Dziękujemy!',
      customerId: owner.customerId,
      currency: 'PLN',
      transliterate: true,
    });
    const [message] = body.messages;
    expect(message.text).toBe('Przypominamy o płatności 15 600,49 zł. Dziękujemy!');
    expect(message.sms).toMatchObject({
      encoding: 'UCS-2',
      length: 50,
      segments: 1,
      perSegment: 70,
      unicodeCharacters: ['ł', 'ś', 'ę'],
      transliterated: {
        text: 'Przypominamy o platnosci 15 600,49 zl. Dziekujemy!',
        encoding: 'GSM-7',
        segments: 1,
        perSegment: 160,
      },
    });
  });

  it('renders every starter for a real customer, and saves one as a template', async () => {
    const starters = (await owner.browser.request('GET', '/api/template-starters')).body.items;
    expect(starters).toHaveLength(18);
    const polishSms = await owner.browser.request(
      'GET',
      '/api/template-starters?language=pl&medium=sms',
    );
    expect(polishSms.body.items.map((s: { id: string }) => s.id)).toEqual([
      'reminder-sms-pl',
      'demand-sms-pl',
      'final_demand-sms-pl',
    ]);
    const draftOf = ({ id: _id, ...draft }: { id: string; name: string }) => draft;
    for (const draft of starters.map(draftOf)) {
      const response = await preview(owner.browser, { ...draft, customerId: owner.customerId });
      expect(response.status, draft.name).toBe(200);
      expect(response.body.messages, draft.name).toHaveLength(2);
    }
    const reminder = draftOf(starters[0]);
    const saved = await owner.browser.request('POST', '/api/templates', reminder);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ ...reminder, version: 1 });
  });
});

describe('saving templates', () => {
  const sms = {
    name: '  Przypomnienie SMS ',
    kind: 'reminder',
    medium: 'sms',
    language: 'pl',
    text: '{{ creditor.name }}: do zapłaty {{ totals.open | money }}.',
  };

  it('keeps versions, refuses saving over a stale one and removes', async () => {
    const { browser } = await signUp(url, 'Wersje');
    const created = await browser.request('POST', '/api/templates', sms);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Przypomnienie SMS', version: 1 });
    const { id } = created.body;

    const changed = await browser.request('PUT', `/api/templates/${id}`, {
      ...sms,
      text: 'Dzień dobry, {{ customer.name }}.',
      expectedVersion: 1,
    });
    expect(changed.body).toMatchObject({ version: 2, text: 'Dzień dobry, {{ customer.name }}.' });
    const stale = await browser.request('PUT', `/api/templates/${id}`, {
      ...sms,
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const otherMedium = await browser.request('PUT', `/api/templates/${id}`, {
      ...sms,
      medium: 'voice',
      expectedVersion: 2,
    });
    expect(otherMedium.status).toBe(400);
    expect(otherMedium.body.errors[0].pointer).toBe('/body/medium');

    await expect
      .poll(async () => (await browser.request('GET', `/api/templates/${id}`)).body.version)
      .toBe(2);
    const versions = await browser.request('GET', `/api/templates/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[1].text).toBe(sms.text);
    const listed = await browser.request('GET', '/api/templates?medium=sms');
    expect(listed.body.items).toMatchObject([{ id, name: 'Przypomnienie SMS', version: 2 }]);
    expect((await browser.request('GET', '/api/templates?medium=email')).body.items).toEqual([]);

    expect((await browser.request('DELETE', `/api/templates/${id}`)).status).toBe(204);
    await expect
      .poll(async () => (await browser.request('GET', `/api/templates/${id}`)).status)
      .toBe(404);
    expect((await browser.request('DELETE', `/api/templates/${id}`)).status).toBe(404);
  });

  it('asks an e-mail for its subject and HTML', async () => {
    const { browser } = await signUp(url, 'Pola');
    const response = await browser.request('POST', '/api/templates', {
      ...sms,
      medium: 'email',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { pointer: '/body/subject', detail: 'a template for email needs subject' },
      { pointer: '/body/html', detail: 'a template for email needs html' },
    ]);
  });

  it('lets a viewer read and preview templates but not save them', async () => {
    const { browser } = await signUp(url, 'Podglad');
    const created = (await browser.request('POST', '/api/templates', sms)).body;
    const key = (await browser.request('POST', '/api/api-keys', { name: 'BI', role: 'viewer' }))
      .body;
    const asViewer = (method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect((await asViewer('POST', '/api/templates', sms)).status).toBe(403);
    const change = { ...sms, expectedVersion: 1 };
    expect((await asViewer('PUT', `/api/templates/${created.id}`, change)).status).toBe(403);
    expect((await asViewer('DELETE', `/api/templates/${created.id}`)).status).toBe(403);
    await expect
      .poll(async () => (await asViewer('GET', `/api/templates/${created.id}`)).status)
      .toBe(200);
    expect((await asViewer('GET', '/api/template-starters')).status).toBe(200);
    expect((await asViewer('GET', '/api/template-variables')).status).toBe(200);
  });

  it("keeps each company's templates its own", async () => {
    const { browser: first } = await signUp(url, 'Jedna');
    const { browser: second } = await signUp(url, 'Inna');
    const { id } = (await first.request('POST', '/api/templates', sms)).body;
    await expect
      .poll(async () => (await first.request('GET', `/api/templates/${id}`)).status)
      .toBe(200);
    expect((await second.request('GET', `/api/templates/${id}`)).status).toBe(404);
    expect((await second.request('GET', '/api/templates')).body.items).toEqual([]);
    const overwrite = { ...sms, expectedVersion: 1 };
    expect((await second.request('PUT', `/api/templates/${id}`, overwrite)).status).toBe(404);
  });
});

describe('the loader and renderer for the collection engine', () => {
  it('read the unpaid invoices asked for, under the row security of the company', async () => {
    const owner = await company('Silnik');
    const other = await signUp(url, 'Obca');
    const pool = new pg.Pool({
      connectionString: access.database.url,
      options: '-c role=monity_app',
    });
    const store = new PostgresEventStore({
      pool,
      eventTypes: new EventTypeRegistry(templateEventTypes),
      logger: pino({ level: 'silent' }),
    });
    const tenantDb = new TenantDatabase(pool, store);
    const tenantId = owner.session.tenant.id;
    try {
      const all = await tenantDb.transaction({ tenantId }, (tx) =>
        loadMessageContext(tx, { tenantId, customerId: owner.customerId, today }),
      );
      expect(all.invoices.map((i) => i.number)).toEqual([
        'FV/1/2026',
        'FV/2/2026',
        'FV/3/2026',
        'FV/E/7/2026',
        'FV/4/2026',
        'FV/5/2026',
        'FV/E/9/2026',
      ]);
      expect(all.creditor).toMatchObject({ name: 'Silnik', address: { city: 'Warszawa' } });

      const picked = [all.invoices[1]!.id, all.invoices[3]!.id];
      const some = await tenantDb.transaction({ tenantId }, (tx) =>
        loadMessageContext(tx, {
          tenantId,
          customerId: owner.customerId,
          today,
          invoiceIds: picked,
        }),
      );
      const messages = renderMessages(
        { medium: 'sms', language: 'en', text: '{{ transfer_title }}' },
        some,
      );
      expect(messages).toEqual([
        { currency: 'EUR', invoiceIds: [picked[1]], text: 'FV/E/7/2026' },
        { currency: 'PLN', invoiceIds: [picked[0]], text: 'FV/2/2026' },
      ]);

      const foreign = other.session.tenant.id;
      await expect(
        tenantDb.transaction({ tenantId: foreign }, (tx) =>
          loadMessageContext(tx, { tenantId, customerId: owner.customerId, today }),
        ),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('give a company the starters of a language, once however often asked', async () => {
    const { browser, session } = await signUp(url, 'Startowa');
    const pool = new pg.Pool({ connectionString: access.database.url });
    const store = new PostgresEventStore({
      pool,
      eventTypes: new EventTypeRegistry(templateEventTypes),
      logger: pino({ level: 'silent' }),
    });
    const clock = { now: () => new Date() };
    try {
      await addStarterTemplates(store, session.tenant.id, 'pl', clock);
      await addStarterTemplates(store, session.tenant.id, 'pl', clock);
    } finally {
      await store.close();
      await pool.end();
    }
    await expect
      .poll(async () => (await browser.request('GET', '/api/templates')).body.items.length)
      .toBe(9);
    const { items } = (await browser.request('GET', '/api/templates')).body;
    expect(new Set(items.map((t: { language: string }) => t.language))).toEqual(new Set(['pl']));
    expect(items.every((t: { version: number }) => t.version === 1)).toBe(true);
  });
});
