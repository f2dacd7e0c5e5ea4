import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startAccessServer, type AccessServer, type Browser } from '../support/index.ts';
import { upload } from './importTestKit.ts';

let access: AccessServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'monity-import-'));
  access = await startAccessServer({ MONITY_DATA_DIR: dataDir });
});
afterAll(async () => {
  await access.close();
  await rm(dataDir, { recursive: true, force: true });
});

const HEADER = [
  'Kod kontrahenta;Nazwa;NIP;Miejscowość;Numer;Data wystawienia;Termin płatności;Waluta',
  'Kwota brutto;Pozostało do zapłaty',
].join(';');
const MAPPING = {
  rows: 'invoices',
  columns: {
    'customer.id': 'Kod kontrahenta',
    'customer.name': 'Nazwa',
    'customer.taxId': 'NIP',
    'customer.city': 'Miejscowość',
    'invoice.number': 'Numer',
    'invoice.issueDate': 'Data wystawienia',
    'invoice.dueDate': 'Termin płatności',
    'invoice.currency': 'Waluta',
    'invoice.amount': 'Kwota brutto',
    'invoice.openAmount': 'Pozostało do zapłaty',
  },
};

async function finished(browser: Browser, id: string) {
  let job: { status: string } = { status: '' };
  await expect
    .poll(
      async () => (job = (await browser.request('GET', `/api/import-jobs/${id}`)).body).status,
      {
        timeout: 20_000,
      },
    )
    .toMatch(/done|failed/);
  return job as Record<string, unknown>;
}

const HURTOWNIA = 'K1;Hurtownia Łódź sp. z o.o.;526-025-02-74;Łódź';

describe('importing a file', () => {
  it('reads an ERP export in Windows-1250, lands the good rows and reports each bad one', async () => {
    const url = access.server.url;
    const { browser } = await signUp(url, 'Import');
    const csv = [
      HEADER,
      `${HURTOWNIA};FV/1/2026;01.10.2026;15.10.2026;PLN;1 234,56;1 234,56`,
      `${HURTOWNIA};FV/2/2026;05.10.2026;19.10.2026;PLN;100,00;40,50`,
      'K2;Zła Firma;123-456-78-90;Gdańsk;FV/3/2026;05.10.2026;19.10.2026;PLN;10,00;10,00',
      'K3;Dobra Firma;;Poznań;FV/4/2026;31.02.2026;19.10.2026;EUR;abc;',
      'K3;Dobra Firma;;Poznań;FV/5/2026;01.11.2026;15.11.2026;EUR;99,99;',
    ].join('\r\n');
    const uploaded = await upload(browser, url, 'należności.csv', iconv.encode(csv, 'win1250'));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      details: { encoding: 'windows-1250', delimiter: ';' },
      headers: HEADER.split(';'),
    });
    expect((uploaded.body.sample as Record<string, string>[])[0]!.Nazwa).toBe(
      'Hurtownia Łódź sp. z o.o.',
    );

    const id = uploaded.body.id as string;
    const badMapping = await browser.request('POST', `/api/import-jobs/${id}/dry-run`, {
      mapping: { ...MAPPING, columns: { ...MAPPING.columns, 'invoice.amount': 'Kwota' } },
    });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.errors[0].pointer).toBe('/body/mapping/columns/invoice.amount');

    const dry = (
      await browser.request('POST', `/api/import-jobs/${id}/dry-run`, { mapping: MAPPING })
    ).body;
    expect(dry).toMatchObject({ rows: 5, valid: 3 });
    expect(dry.problems).toEqual([
      {
        line: 4,
        field: 'customer.taxId',
        message: 'A Polish NIP has 10 digits and a valid checksum',
      },
      { line: 5, field: 'invoice.issueDate', message: '"31.02.2026" is not a date' },
      { line: 5, field: 'invoice.amount', message: '"abc" is not an amount' },
    ]);
    expect((await browser.request('GET', '/api/invoices')).body.items).toEqual([]);

    const started = await browser.request('POST', `/api/import-jobs/${id}/start`, {
      mapping: MAPPING,
    });
    expect(started.status).toBe(202);
    const job = await finished(browser, id);
    expect(job).toMatchObject({ status: 'done', processedRows: 5, rejected: 2 });
    expect(
      (await browser.request('POST', `/api/import-jobs/${id}/start`, { mapping: MAPPING })).status,
    ).toBe(409);

    const errors = (await browser.request('GET', `/api/import-jobs/${id}/errors`)).body;
    expect(errors.items.map((e: { line: number }) => e.line)).toEqual([4, 5, 5]);
    const report = await fetch(`${url}/api/import-jobs/${id}/errors.csv`, {
      headers: { cookie: browser.cookie! },
    });
    const text = await report.text();
    expect(text).toContain(
      '4,customer K2,customer.taxId,A Polish NIP has 10 digits and a valid checksum',
    );

    await expect
      .poll(
        async () => (await browser.request('GET', '/api/invoices?sort=number')).body.items.length,
      )
      .toBe(3);
    const invoices = (await browser.request('GET', '/api/invoices?sort=number')).body.items;
    expect(
      invoices.map((i: { number: string; amount: string; open: string }) => [
        i.number,
        i.amount,
        i.open,
      ]),
    ).toEqual([
      ['FV/1/2026', '1234.56', '1234.56'],
      ['FV/2/2026', '100.00', '40.50'],
      ['FV/5/2026', '99.99', '99.99'],
    ]);
  });

  it('runs records sent as NDJSON as a job, line by line', async () => {
    const url = access.server.url;
    const { browser } = await signUp(url, 'Ndjson');
    const lines = [
      { kind: 'customer', id: 'K1', name: 'Jan Kowalski Usługi' },
      {
        kind: 'invoice',
        id: 'F1',
        number: 'F1',
        customerId: 'K1',
        issueDate: '2026-11-01',
        dueDate: '2026-11-15',
        currency: 'PLN',
        amount: '10.00',
      },
      { kind: 'refund', id: 'X' },
    ];
    const response = await fetch(`${url}/api/import-jobs/records`, {
      method: 'POST',
      headers: {
        cookie: browser.cookie!,
        'x-csrf-token': browser.csrfToken!,
        'content-type': 'application/x-ndjson',
      },
      body: `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`,
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(await finished(browser, id)).toMatchObject({ status: 'done', created: 2, rejected: 2 });
    const errors = (await browser.request('GET', `/api/import-jobs/${id}/errors`)).body.items;
    expect(errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'kind'],
      [4, 'record'],
    ]);
  });

  it('saves a mapping as a named preset', async () => {
    const { browser } = await signUp(access.server.url, 'Preset');
    expect(
      (await browser.request('PUT', '/api/import-presets/Optima', { mapping: MAPPING })).status,
    ).toBe(200);
    const presets = (await browser.request('GET', '/api/import-presets')).body.items;
    expect(presets).toMatchObject([{ name: 'Optima', mapping: MAPPING }]);
    expect((await browser.request('DELETE', '/api/import-presets/Optima')).status).toBe(204);
  });
});
