import { createReadStream, type ReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile, ImportedRow, Importer, ImporterPluginContext } from '@monity/core';
import { register } from '../src/index.ts';
import { xlsxImporter } from '../src/xlsxImporter.ts';

let dir: string;
/** Where the workbook reader keeps its temporary files during these tests. */
let readerTemp: string;
const previousTmpdir = process.env.TMPDIR;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'monity-importer-xlsx-'));
  readerTemp = await mkdtemp(join(dir, 'reader-'));
  process.env.TMPDIR = readerTemp;
});
afterAll(async () => {
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  await rm(dir, { recursive: true, force: true });
});

const opened: ReadStream[] = [];
afterEach(() => {
  opened.length = 0;
});

let fileCount = 0;
async function fileOf(bytes: Buffer | string, name = 'naleznosci.xlsx'): Promise<ImportFile> {
  fileCount += 1;
  const path = join(dir, `${fileCount}-${name}`);
  await writeFile(path, bytes);
  return {
    name,
    open: () => {
      const stream = createReadStream(path);
      opened.push(stream);
      return stream;
    },
  };
}

async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<ImportFile> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return fileOf(Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function allRows(rows: AsyncIterable<ImportedRow>): Promise<ImportedRow[]> {
  const found: ImportedRow[] = [];
  for await (const row of rows) found.push(row);
  return found;
}

async function readAll(file: ImportFile) {
  const reading = await xlsxImporter.read(file);
  return { ...reading, rows: await allRows(reading.rows) };
}

/** Files are closed and deleted a moment after the reading ends. */
async function expectAllClosed(): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const left = await readdir(readerTemp);
    if (left.length === 0 && opened.every((stream) => stream.closed)) return;
    await sleep(20);
  }
  expect(await readdir(readerTemp)).toEqual([]);
  expect(opened.map((stream) => stream.closed)).not.toContain(false);
}

const utcDate = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute));

describe('the XLSX importer plugin', () => {
  it('registers an importer of .xlsx files', () => {
    const registered: Importer[] = [];
    const importers = { register: (importer: Importer) => registered.push(importer) };
    register({ kind: 'importer', importers } as unknown as ImporterPluginContext);
    expect(registered.map(({ name, formats }) => ({ name, formats }))).toEqual([
      { name: 'xlsx', formats: ['xlsx'] },
    ]);
  });
});

describe('reading an XLSX workbook', () => {
  it('reads the first worksheet as text cells under its header row', async () => {
    const file = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('Należności');
      sheet.addRow([
        'Numer',
        ' Kontrahent ',
        'Kwota',
        'Kwota',
        null,
        'Termin',
        'Zapłacono',
        'Razem',
        'Uwagi',
      ]);
      sheet.addRow([
        'FV/2024/001',
        '  Łódź Sp. z o.o. ',
        1234.56,
        0.1 + 0.2,
        null,
        utcDate(2024, 3, 15),
        true,
        { formula: 'C2+D2', result: 1234.86 },
        { richText: [{ text: 'Pilne: ' }, { font: { bold: true }, text: 'dzwonić' }] },
      ]);
      // A row that only has a format is blank.
      sheet.getCell('A3').numFmt = '0.00';
      sheet.addRow([
        'FV/2024/002',
        { text: 'Strona klienta', hyperlink: 'https://example.pl' },
        -5,
        1e-7,
        null,
        utcDate(2024, 4, 1, 10, 30),
        false,
        { formula: 'F4+30', result: utcDate(2024, 5, 1) },
        { error: '#N/A' },
      ]);
      sheet.getRow(4).getCell(12).value = 'poza tabelą';
      sheet.addRow(['FV/2024/003', 'Żabka', 1_000_000, 1e21]);
      for (const address of ['F2', 'F4']) sheet.getCell(address).numFmt = 'dd.mm.yyyy';
      sheet.getCell('H4').numFmt = 'yyyy-mm-dd';
      workbook.addWorksheet('Archiwum').addRow(['Nie', 'ta', 'zakładka']);
    });

    const reading = await readAll(file);

    expect(reading.details).toEqual({ sheet: 'Należności' });
    expect(reading.headers).toEqual([
      'Numer',
      'Kontrahent',
      'Kwota',
      'Kwota (2)',
      'Kolumna 5',
      'Termin',
      'Zapłacono',
      'Razem',
      'Uwagi',
    ]);
    expect(reading.rows).toEqual([
      {
        line: 2,
        cells: {
          Numer: 'FV/2024/001',
          Kontrahent: 'Łódź Sp. z o.o.',
          Kwota: '1234.56',
          'Kwota (2)': '0.3',
          'Kolumna 5': '',
          Termin: '2024-03-15',
          Zapłacono: 'true',
          Razem: '1234.86',
          Uwagi: 'Pilne: dzwonić',
        },
      },
      {
        line: 4,
        cells: {
          Numer: 'FV/2024/002',
          Kontrahent: 'Strona klienta',
          Kwota: '-5',
          'Kwota (2)': '0.0000001',
          'Kolumna 5': '',
          Termin: '2024-04-01T10:30:00',
          Zapłacono: 'false',
          Razem: '2024-05-01',
          Uwagi: '#N/A',
          column_12: 'poza tabelą',
        },
      },
      {
        line: 5,
        cells: {
          Numer: 'FV/2024/003',
          Kontrahent: 'Żabka',
          Kwota: '1000000',
          'Kwota (2)': '1000000000000000000000',
          'Kolumna 5': '',
          Termin: '',
          Zapłacono: '',
          Razem: '',
          Uwagi: '',
        },
      },
    ]);
    await expectAllClosed();
  });

  it('numbers rows as Excel does when the table starts lower down', async () => {
    const file = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('Dane');
      sheet.getCell('B3').value = 'Numer';
      sheet.getCell('C3').value = 'Kwota';
      sheet.getCell('B4').value = 'FV/1';
      // A shared formula: the cells after the first only refer to it, with their own results.
      const shared = { formula: 'A1+10', result: 10, shareType: 'shared', ref: 'C4:C7' };
      sheet.getCell('C4').value = shared as ExcelJS.CellFormulaValue;
      sheet.getCell('B7').value = 'FV/2';
      sheet.getCell('C7').value = { sharedFormula: 'C4', result: 20 };
    });

    const reading = await readAll(file);

    expect(reading.headers).toEqual(['Kolumna 1', 'Numer', 'Kwota']);
    expect(reading.rows).toEqual([
      { line: 4, cells: { 'Kolumna 1': '', Numer: 'FV/1', Kwota: '10' } },
      { line: 7, cells: { 'Kolumna 1': '', Numer: 'FV/2', Kwota: '20' } },
    ]);
  });

  it('gives the headers and no rows for a worksheet of only a header', async () => {
    const file = await workbookFile((workbook) => {
      workbook.addWorksheet('Dane').addRow(['Numer', 'Kwota']);
    });

    expect(await readAll(file)).toEqual({
      headers: ['Numer', 'Kwota'],
      details: { sheet: 'Dane' },
      rows: [],
    });
    await expectAllClosed();
  });

  it('gives no headers and no rows for an empty worksheet', async () => {
    const file = await workbookFile((workbook) => {
      workbook.addWorksheet('Pusty');
      workbook.addWorksheet('Dane').addRow(['Numer']);
    });

    expect(await readAll(file)).toEqual({ headers: [], details: { sheet: 'Pusty' }, rows: [] });
    await expectAllClosed();
  });

  it('reads a workbook written as a stream, without shared strings', async () => {
    const path = join(dir, 'strumien.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: false,
      useStyles: true,
    });
    const sheet = writer.addWorksheet('Eksport');
    sheet.addRow(['Numer', 'Kwota']).commit();
    for (let row = 1; row <= 1000; row += 1) sheet.addRow([`FV/${row}`, row / 4]).commit();
    sheet.commit();
    await writer.commit();
    const file: ImportFile = { name: 'strumien.xlsx', open: () => createReadStream(path) };

    const reading = await readAll(file);

    expect(reading.rows).toHaveLength(1000);
    expect(reading.rows.at(-1)).toEqual({ line: 1001, cells: { Numer: 'FV/1000', Kwota: '250' } });
    expect(reading.rows[0]).toEqual({ line: 2, cells: { Numer: 'FV/1', Kwota: '0.25' } });
  });

  it('lets the rows be gone through once', async () => {
    const file = await workbookFile((workbook) => {
      workbook.addWorksheet('Dane').addRows([['Numer'], ['FV/1']]);
    });
    const reading = await xlsxImporter.read(file);

    expect(await allRows(reading.rows)).toHaveLength(1);
    await expect(allRows(reading.rows)).rejects.toThrow('can be gone through once');
  });
});

describe('stopping a reading early', () => {
  const build = (rows: number) => (workbook: ExcelJS.Workbook) => {
    const sheet = workbook.addWorksheet('Dane');
    sheet.addRow(['Numer', 'Kontrahent']);
    for (let row = 1; row <= rows; row += 1) sheet.addRow([`FV/${row}`, `Firma ${row}`]);
    workbook.addWorksheet('Inne').addRow(['x']);
  };

  it('closes the file and deletes the temporary files', async () => {
    const reading = await xlsxImporter.read(await workbookFile(build(1000)));
    // Excel's order, shared strings last: the reader has copied the worksheets to read them.
    expect((await readdir(readerTemp)).length).toBeGreaterThan(0);

    for await (const row of reading.rows) {
      expect(row.line).toBe(2);
      break;
    }

    await expectAllClosed();
  });

  it('closes the file of a workbook that streams, its shared strings stored first', async () => {
    // As some tools write it: the reader then reads rows as the file comes in, no copies. The
    // workbook is large enough for the file to be still open at the first rows.
    const workbook = new ExcelJS.Workbook();
    build(150_000)(workbook);
    const stored = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const first = [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ];
    const rest = Object.keys(stored.files).filter((name) => !stored.files[name]?.dir);
    const reordered = new JSZip();
    for (const name of [...first, ...rest.filter((name) => !first.includes(name))]) {
      reordered.file(name, await stored.file(name)!.async('nodebuffer'));
    }
    const bytes = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const reading = await xlsxImporter.read(await fileOf(bytes));

    const rows: ImportedRow[] = [];
    for await (const row of reading.rows) {
      rows.push(row);
      if (rows.length === 3) break;
    }

    expect(rows.map(({ line }) => line)).toEqual([2, 3, 4]);
    expect(await readdir(readerTemp)).toEqual([]);
    expect(opened.at(-1)?.readableEnded).toBe(false);
    await expectAllClosed();
  }, 60_000);
});

describe('a file that is not an XLSX workbook', () => {
  it('rejects a text file', async () => {
    const file = await fileOf('Numer;Kwota\nFV/1;10\n', 'naleznosci.xlsx');
    await expect(xlsxImporter.read(file)).rejects.toThrow('The file is not an XLSX workbook');
  });

  it('rejects an empty file', async () => {
    await expect(xlsxImporter.read(await fileOf(''))).rejects.toThrow(
      'The file is not an XLSX workbook',
    );
  });

  it('rejects an XLS workbook, saying how to save it', async () => {
    const bytes = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(xlsxImporter.read(await fileOf(bytes, 'stary.xls'))).rejects.toThrow(
      /XLS workbook of Excel 97-2003.*save it in Excel as an XLSX workbook/,
    );
  });

  it('rejects a workbook cut short', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Dane').addRow(['Numer']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer()).subarray(0, 100);
    await expect(xlsxImporter.read(await fileOf(bytes))).rejects.toThrow(
      'The XLSX workbook is damaged and cannot be read',
    );
    await expectAllClosed();
  });
});
