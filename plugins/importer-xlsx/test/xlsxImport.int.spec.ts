import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { signUp, startAccessServer, upload, type AccessServer } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'monity-xlsx-import-'));
  access = await startAccessServer({ MONITY_DATA_DIR: dataDir });
});
afterAll(async () => {
  await access.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A workbook as accountants keep it: real dates and numbers in cells, not text. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Należności');
  sheet.addRow(['Kontrahent', 'Nazwa', 'Faktura', 'Wystawiona', 'Termin', 'Kwota']);
  sheet.addRow([
    'K1',
    'Żabka Handel',
    'FV/7/2026',
    new Date(Date.UTC(2026, 9, 1)),
    new Date(Date.UTC(2026, 9, 15)),
    1234.56,
  ]);
  sheet.addRow([
    'K1',
    'Żabka Handel',
    'FV/8/2026',
    new Date(Date.UTC(2026, 9, 2)),
    new Date(Date.UTC(2026, 9, 16)),
    'dużo',
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('importing a workbook', () => {
  it('reads dates and numbers from cells, and reports the row it cannot take', async () => {
    const { browser } = await signUp(access.server.url, 'Arkusz');
    const uploaded = await upload(browser, access.server.url, 'należności.xlsx', await workbook());
    expect(uploaded.status).toBe(201);
    const mapping = {
      rows: 'invoices',
      columns: {
        'customer.id': 'Kontrahent',
        'customer.name': 'Nazwa',
        'invoice.number': 'Faktura',
        'invoice.issueDate': 'Wystawiona',
        'invoice.dueDate': 'Termin',
        'invoice.amount': 'Kwota',
      },
      defaults: { 'invoice.currency': 'PLN' },
    };
    const id = uploaded.body.id as string;
    expect(
      (await browser.request('POST', `/api/import-jobs/${id}/start`, { mapping })).status,
    ).toBe(202);
    await expect
      .poll(async () => (await browser.request('GET', `/api/import-jobs/${id}`)).body.status)
      .toBe('done');
    expect((await browser.request('GET', `/api/import-jobs/${id}`)).body).toMatchObject({
      created: 2,
      rejected: 1,
    });
    const errors = (await browser.request('GET', `/api/import-jobs/${id}/errors`)).body.items;
    expect(errors).toEqual([
      {
        line: 3,
        record: 'invoice FV/8/2026',
        field: 'invoice.amount',
        message: '"dużo" is not an amount',
      },
    ]);
    await expect
      .poll(async () => (await browser.request('GET', '/api/invoices')).body.items)
      .toMatchObject([
        { number: 'FV/7/2026', issueDate: '2026-10-01', dueDate: '2026-10-15', amount: '1234.56' },
      ]);
  });
});
