import {
  EventTypeRegistry,
  PostgresEventStore,
  TenantDatabase,
  exchangeRateEventTypes,
} from '@monity/core';
import { signUp, startAccessServer, type AccessServer, type Browser } from '@monity/core/testing';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratesOn } from '../src/index.ts';

let access: AccessServer;
let url: string;
beforeAll(async () => {
  access = await startAccessServer();
  url = access.server.url;
});
afterAll(() => access.close());

/** 2 January 2026 is a Friday; the 5th the Monday after. */
const friday = {
  table: 'A',
  no: '001/A/NBP/2026',
  effectiveDate: '2026-01-02',
  rates: [
    { currency: 'dolar amerykański', code: 'USD', mid: 3.6147 },
    { currency: 'euro', code: 'EUR', mid: 4.2345 },
    { currency: 'jen (Japonia)', code: 'JPY', mid: 0.023456 },
  ],
};
const monday = {
  table: 'A',
  no: '002/A/NBP/2026',
  effectiveDate: '2026-01-05',
  rates: [
    { currency: 'dolar amerykański', code: 'USD', mid: 3.62 },
    { currency: 'euro', code: 'EUR', mid: 4.24 },
  ],
};

/** Windows-1250, as NBP writes its archive: ASCII, and the few Polish letters used here. */
function win1250(lines: string[]): Buffer {
  const polish: Record<string, number> = { ł: 0xb3, ę: 0xea, ń: 0xf1 };
  return Buffer.from(
    [...lines.join('\r\n')].map((char) => (char < '\x80' ? char.charCodeAt(0) : polish[char]!)),
  );
}

const ratesOnDay = async (browser: Browser, day: string) =>
  (await browser.request('GET', `/api/exchange-rates?on=${day}`)).body;

async function uploaded(browser: Browser, name: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const response = await fetch(`${url}/api/exchange-rates/files`, {
    method: 'POST',
    headers: { cookie: browser.cookie!, 'x-csrf-token': browser.csrfToken! },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('exchange rates', () => {
  it("serves each currency's latest table on or before a day: Friday's on a Saturday", async () => {
    const { browser } = await signUp(url, 'Kursy');
    const imported = await browser.request('POST', '/api/exchange-rates', [monday, friday]);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({
      imported: 2,
      corrected: 0,
      unchanged: 0,
      tables: [
        { number: '001/A/NBP/2026', effectiveDate: '2026-01-02', status: 'imported' },
        { number: '002/A/NBP/2026', effectiveDate: '2026-01-05', status: 'imported' },
      ],
    });

    await expect
      .poll(async () => (await ratesOnDay(browser, '2026-01-03')).rates)
      .toEqual([
        { currency: 'EUR', mid: '4.2345', effectiveDate: '2026-01-02', table: '001/A/NBP/2026' },
        { currency: 'JPY', mid: '0.023456', effectiveDate: '2026-01-02', table: '001/A/NBP/2026' },
        { currency: 'USD', mid: '3.6147', effectiveDate: '2026-01-02', table: '001/A/NBP/2026' },
      ]);
    // Monday's table has no JPY: the yen keeps Friday's rate.
    expect((await ratesOnDay(browser, '2026-01-05')).rates).toEqual([
      { currency: 'EUR', mid: '4.24', effectiveDate: '2026-01-05', table: '002/A/NBP/2026' },
      { currency: 'JPY', mid: '0.023456', effectiveDate: '2026-01-02', table: '001/A/NBP/2026' },
      { currency: 'USD', mid: '3.62', effectiveDate: '2026-01-05', table: '002/A/NBP/2026' },
    ]);
    expect(await ratesOnDay(browser, '2026-01-01')).toEqual({ on: '2026-01-01', rates: [] });
    const today = (await browser.request('GET', '/api/exchange-rates')).body;
    expect(today.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const history = await browser.request(
      'GET',
      '/api/exchange-rates/history?currency=usd&from=2026-01-01&to=2026-01-31',
    );
    expect(history.body.items).toEqual([
      { effectiveDate: '2026-01-02', mid: '3.6147', table: '001/A/NBP/2026' },
      { effectiveDate: '2026-01-05', mid: '3.62', table: '002/A/NBP/2026' },
    ]);
  });

  it('leaves a table imported again unchanged, and replaces one with other rates', async () => {
    const { browser } = await signUp(url, 'Korekta');
    await browser.request('POST', '/api/exchange-rates', [friday, monday]);
    const again = await browser.request('POST', '/api/exchange-rates', friday);
    expect(again.body).toMatchObject({ imported: 0, corrected: 0, unchanged: 1 });

    const fixed = { ...friday, rates: [{ currency: 'euro', code: 'EUR', mid: 4.2399 }] };
    const correction = await browser.request('POST', '/api/exchange-rates', [fixed, monday]);
    expect(correction.body).toMatchObject({ imported: 0, corrected: 1, unchanged: 1 });
    // The corrected table replaces the whole of the first: its USD and JPY are gone with it.
    await expect
      .poll(async () => (await ratesOnDay(browser, '2026-01-02')).rates)
      .toEqual([
        { currency: 'EUR', mid: '4.2399', effectiveDate: '2026-01-02', table: '001/A/NBP/2026' },
      ]);

    const clash = { ...monday, no: '003/A/NBP/2026' };
    const refused = await browser.request('POST', '/api/exchange-rates', clash);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('rate_day_taken');
  });

  it("imports NBP's Windows-1250 CSV archive as a file, refusing a faulty one whole", async () => {
    const { browser } = await signUp(url, 'Archiwum');
    const archive = [
      'data;1USD;1EUR;100HUF;100JPY;nr tabeli;pełny numer tabeli;',
      ';dolar amerykański;euro;forint (Węgry);jen (Japonia);;;',
      '20260102;3,6147;4,2345;1,0915;2,3456;1;001/A/NBP/2026;',
      '20260105;3,6200;4,2400;1,0920;2,3500;2;002/A/NBP/2026;',
    ];
    const faulty = [...archive, '20260106;3,6x;4,2;1,1;2,3;3;003/A/NBP/2026;'];
    const refused = await uploaded(browser, 'kursy.csv', win1250(faulty));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { pointer: '/file/lines/5', detail: 'line 5: 1USD: "3,6x" is not a decimal number' },
    ]);

    const file = await uploaded(browser, 'archiwum_tab_a_2026.csv', win1250(archive));
    expect(file).toMatchObject({ status: 200, body: { imported: 2, unchanged: 0 } });
    await expect
      .poll(async () => (await ratesOnDay(browser, '2026-01-05')).rates.map(pick))
      .toEqual([
        ['EUR', '4.24'],
        ['HUF', '0.01092'],
        ['JPY', '0.0235'],
        ['USD', '3.62'],
      ]);

    const json = Buffer.from(JSON.stringify([friday]));
    const same = await uploaded(browser, 'tables.json', json);
    expect(same.body).toMatchObject({ imported: 0, corrected: 1 });
  });

  it('lets a viewer read rates but not import them', async () => {
    const { browser: owner } = await signUp(url, 'Widz');
    await owner.request('POST', '/api/exchange-rates', friday);
    const key = (await owner.request('POST', '/api/api-keys', { name: 'BI', role: 'viewer' })).body;
    const asViewer = (method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect((await asViewer('POST', '/api/exchange-rates', monday)).status).toBe(403);
    await expect
      .poll(async () => await (await asViewer('GET', '/api/exchange-rates?on=2026-01-09')).json())
      .toMatchObject({ rates: [{ currency: 'EUR' }, { currency: 'JPY' }, { currency: 'USD' }] });
    const history = await asViewer('GET', '/api/exchange-rates/history?currency=EUR');
    expect(((await history.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("keeps each company's rates its own, down to the database's row security", async () => {
    const { browser: first, session } = await signUp(url, 'Pierwsza');
    const { browser: second, session: other } = await signUp(url, 'Druga');
    await first.request('POST', '/api/exchange-rates', friday);
    await expect.poll(async () => (await ratesOnDay(first, '2026-01-02')).rates.length).toBe(3);
    expect((await ratesOnDay(second, '2026-01-02')).rates).toEqual([]);

    const pool = new pg.Pool({
      connectionString: access.database.url,
      options: '-c role=monity_app',
    });
    const store = new PostgresEventStore({
      pool,
      eventTypes: new EventTypeRegistry(exchangeRateEventTypes),
      logger: pino({ level: 'silent' }),
    });
    const tenantDb = new TenantDatabase(pool, store);
    try {
      const own = await tenantDb.transaction({ tenantId: session.tenant.id }, (tx) =>
        ratesOn(tx, session.tenant.id, '2026-01-04'),
      );
      expect(own).toEqual(
        new Map([
          ['EUR', { mid: '4.2345', effectiveDate: '2026-01-02' }],
          ['JPY', { mid: '0.023456', effectiveDate: '2026-01-02' }],
          ['USD', { mid: '3.6147', effectiveDate: '2026-01-02' }],
        ]),
      );
      // Acting for the second company while naming the first: row security shows nothing.
      const leaked = await tenantDb.transaction({ tenantId: other.tenant.id }, (tx) =>
        ratesOn(tx, session.tenant.id, '2026-01-04'),
      );
      expect(leaked.size).toBe(0);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});

const pick = (rate: { currency: string; mid: string }) => [rate.currency, rate.mid];
