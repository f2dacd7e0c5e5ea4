import { describe, expect, it } from 'vitest';
import { createMonityClient } from '../src/index.ts';

describe('the exchange rates of the client', () => {
  it('asks for a day, a history and imports, as JSON or as a file', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit = {}) => {
      sent.push({ url, init });
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const monity = createMonityClient({ fetch });
    const table = { table: 'A' as const, no: '001/A/NBP/2026', effectiveDate: '2026-01-02' };

    await monity.exchangeRates.on('2026-01-03');
    await monity.exchangeRates.on();
    await monity.exchangeRates.history('EUR', { from: '2026-01-01' });
    await monity.exchangeRates.import([{ ...table, rates: [{ code: 'EUR', mid: 4.2345 }] }]);
    await monity.exchangeRates.upload(new Blob(['data;1USD']), 'archiwum_tab_a_2026.csv');

    expect(sent.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET /api/exchange-rates?on=2026-01-03',
      'GET /api/exchange-rates',
      'GET /api/exchange-rates/history?currency=EUR&from=2026-01-01',
      'POST /api/exchange-rates',
      'POST /api/exchange-rates/files',
    ]);
    expect(JSON.parse(String(sent[3]!.init.body))[0].rates[0].mid).toBe(4.2345);
    const form = sent[4]!.init.body as FormData;
    expect((form.get('file') as File).name).toBe('archiwum_tab_a_2026.csv');
  });
});
