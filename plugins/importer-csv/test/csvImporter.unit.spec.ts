import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile, ImportedRow, Importer, ImporterPluginContext } from '@monity/core';
import { register } from '../src/index.ts';
import { csvImporter } from '../src/csvImporter.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'monity-importer-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function fileOf(bytes: Buffer | string, name = 'naleznosci.csv'): Promise<ImportFile> {
  fileCount += 1;
  const path = join(dir, `${fileCount}-${name}`);
  await writeFile(path, bytes);
  return { name, open: () => createReadStream(path) };
}

async function allRows(rows: AsyncIterable<ImportedRow>): Promise<ImportedRow[]> {
  const found: ImportedRow[] = [];
  for await (const row of rows) found.push(row);
  return found;
}

async function readAll(file: ImportFile) {
  const reading = await csvImporter.read(file);
  return { ...reading, rows: await allRows(reading.rows) };
}

describe('the CSV importer plugin', () => {
  it('registers an importer of .csv and .txt files', () => {
    const registered: Importer[] = [];
    const importers = { register: (importer: Importer) => registered.push(importer) };
    register({ kind: 'importer', importers } as unknown as ImporterPluginContext);
    expect(registered.map(({ name, formats }) => ({ name, formats }))).toEqual([
      { name: 'csv', formats: ['csv', 'txt'] },
    ]);
  });
});

describe('reading a CSV file', () => {
  it('reads a Windows-1250 export with Polish letters, decimal commas and dotted dates', async () => {
    const text =
      'Numer faktury;Kontrahent;NIP;Kwota brutto;Termin płatności\r\n' +
      'FV/2024/001;Przedsiębiorstwo Łąckie Sp. z o.o.;5261040828;1 234,56;15.03.2024\r\n' +
      'FV/2024/002;ZAŻÓŁĆ GĘŚLĄ JAŹŃ S.A.;7740001454;99,00;01.04.2024\r\n' +
      'FV/2024/003;Źródło Ćmy Śląskiej;;0,5;30.04.2024\r\n';
    const file = await fileOf(iconv.encode(text, 'win1250'));

    const reading = await readAll(file);

    expect(reading.details).toEqual({ encoding: 'windows-1250', delimiter: ';' });
    expect(reading.headers).toEqual([
      'Numer faktury',
      'Kontrahent',
      'NIP',
      'Kwota brutto',
      'Termin płatności',
    ]);
    expect(reading.rows).toEqual([
      {
        line: 2,
        cells: {
          'Numer faktury': 'FV/2024/001',
          Kontrahent: 'Przedsiębiorstwo Łąckie Sp. z o.o.',
          NIP: '5261040828',
          'Kwota brutto': '1 234,56',
          'Termin płatności': '15.03.2024',
        },
      },
      {
        line: 3,
        cells: {
          'Numer faktury': 'FV/2024/002',
          Kontrahent: 'ZAŻÓŁĆ GĘŚLĄ JAŹŃ S.A.',
          NIP: '7740001454',
          'Kwota brutto': '99,00',
          'Termin płatności': '01.04.2024',
        },
      },
      {
        line: 4,
        cells: {
          'Numer faktury': 'FV/2024/003',
          Kontrahent: 'Źródło Ćmy Śląskiej',
          NIP: '',
          'Kwota brutto': '0,5',
          'Termin płatności': '30.04.2024',
        },
      },
    ]);
  });

  it('reads UTF-8 with a byte order mark and commas, keeping quoted decimal commas', async () => {
    const text = '\uFEFFNumer,Kontrahent,Kwota\nFV/1,"Kowalski, Jan","1 234,56"\nFV/2,Nowak,12\n';

    const reading = await readAll(await fileOf(text));

    expect(reading.details).toEqual({ encoding: 'utf-8-bom', delimiter: ',' });
    expect(reading.headers).toEqual(['Numer', 'Kontrahent', 'Kwota']);
    expect(reading.rows).toEqual([
      { line: 2, cells: { Numer: 'FV/1', Kontrahent: 'Kowalski, Jan', Kwota: '1 234,56' } },
      { line: 3, cells: { Numer: 'FV/2', Kontrahent: 'Nowak', Kwota: '12' } },
    ]);
  });

  it('reads UTF-8 without a mark, delimited by tabs, keeping empty cells', async () => {
    const text = 'Numer\tKlient\tUwagi\tKwota\nFV/1\tGdańsk Żuraw\t\t10,00\nFV/2\t\tpilne\t\n';

    const reading = await readAll(await fileOf(text, 'eksport.txt'));

    expect(reading.details).toEqual({ encoding: 'utf-8', delimiter: 'tab' });
    expect(reading.rows).toEqual([
      { line: 2, cells: { Numer: 'FV/1', Klient: 'Gdańsk Żuraw', Uwagi: '', Kwota: '10,00' } },
      { line: 3, cells: { Numer: 'FV/2', Klient: '', Uwagi: 'pilne', Kwota: '' } },
    ]);
  });

  it('reads a file delimited by vertical bars', async () => {
    const reading = await readAll(await fileOf('a|b\n1|2\n'));

    expect(reading.details.delimiter).toBe('|');
    expect(reading.rows).toEqual([{ line: 2, cells: { a: '1', b: '2' } }]);
  });

  it('reads UTF-16 with a mark, as Excel saves "Unicode text"', async () => {
    const text = 'Numer\tKontrahent\r\nFV/1\tŁukasz Żółć\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

    const reading = await readAll(await fileOf(bytes, 'eksport.txt'));

    expect(reading.details).toEqual({ encoding: 'utf-16le', delimiter: 'tab' });
    expect(reading.rows).toEqual([
      { line: 2, cells: { Numer: 'FV/1', Kontrahent: 'Łukasz Żółć' } },
    ]);
  });

  it('keeps delimiters, line breaks and doubled quotes inside quoted cells', async () => {
    const text =
      'Numer;Opis;Kwota\n' +
      'FV/1;"Usługa; część 1\nkontynuacja\nkoniec";100\n' +
      'FV/2;"Firma ""Żak"" s.c.";200\n' +
      'FV/3;PHU "Ołówek";300\n';

    const reading = await readAll(await fileOf(text));

    expect(reading.details.delimiter).toBe(';');
    expect(reading.rows).toEqual([
      {
        line: 2,
        cells: { Numer: 'FV/1', Opis: 'Usługa; część 1\nkontynuacja\nkoniec', Kwota: '100' },
      },
      { line: 5, cells: { Numer: 'FV/2', Opis: 'Firma "Żak" s.c.', Kwota: '200' } },
      { line: 6, cells: { Numer: 'FV/3', Opis: 'PHU "Ołówek"', Kwota: '300' } },
    ]);
  });

  it('counts lines right when quoted cells hold CRLF line breaks', async () => {
    const text = 'Numer;Opis\r\nFV/1;"a\r\nb\r\nc"\r\nFV/2;d\r\n';

    const reading = await readAll(await fileOf(text));

    expect(reading.rows).toEqual([
      { line: 2, cells: { Numer: 'FV/1', Opis: 'a\r\nb\r\nc' } },
      { line: 5, cells: { Numer: 'FV/2', Opis: 'd' } },
    ]);
  });

  it('keeps a row of too few cells with the rest empty, and cells past the header', async () => {
    const text = 'Numer;Kwota;Termin\nFV/1;10\nFV/2;20;01.02.2024;uwaga;;ostatnia\nFV/3;30;;\n';

    const reading = await readAll(await fileOf(text));

    expect(reading.rows).toEqual([
      { line: 2, cells: { Numer: 'FV/1', Kwota: '10', Termin: '' } },
      {
        line: 3,
        cells: {
          Numer: 'FV/2',
          Kwota: '20',
          Termin: '01.02.2024',
          column_4: 'uwaga',
          column_6: 'ostatnia',
        },
      },
      { line: 4, cells: { Numer: 'FV/3', Kwota: '30', Termin: '' } },
    ]);
  });

  it('skips empty lines, counting them in line numbers', async () => {
    const text = '\n\r\nNumer;Kwota\n\nFV/1;10\n   \n;;\n ; \nFV/2;20';

    const reading = await readAll(await fileOf(text));

    expect(reading.headers).toEqual(['Numer', 'Kwota']);
    expect(reading.rows).toEqual([
      { line: 5, cells: { Numer: 'FV/1', Kwota: '10' } },
      { line: 9, cells: { Numer: 'FV/2', Kwota: '20' } },
    ]);
  });

  it('trims cells and names repeated and empty headers apart', async () => {
    const text = ' Kwota ;Kwota;;"Data\nwystawienia";Kwota (2);Kwota\n 1 ; 2 ;3;" 4 ";5;6\n';

    const reading = await readAll(await fileOf(text));

    expect(reading.headers).toEqual([
      'Kwota',
      'Kwota (3)',
      'Kolumna 3',
      'Data wystawienia',
      'Kwota (2)',
      'Kwota (4)',
    ]);
    expect(reading.rows).toEqual([
      {
        line: 3,
        cells: {
          Kwota: '1',
          'Kwota (3)': '2',
          'Kolumna 3': '3',
          'Data wystawienia': '4',
          'Kwota (2)': '5',
          'Kwota (4)': '6',
        },
      },
    ]);
  });

  it('gives the headers and no rows for a file of only a header', async () => {
    const reading = await readAll(await fileOf('Numer;Kwota\r\n'));

    expect(reading.headers).toEqual(['Numer', 'Kwota']);
    expect(reading.rows).toEqual([]);
  });

  it('gives no headers and no rows for an empty file', async () => {
    const reading = await readAll(await fileOf(''));

    expect(reading).toEqual({
      headers: [],
      details: { encoding: 'utf-8', delimiter: ';' },
      rows: [],
    });
  });

  it('rejects a binary file', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);

    await expect(csvImporter.read(await fileOf(bytes))).rejects.toThrow(
      'The file is not a text CSV file',
    );
  });

  it('stops at a quoted cell that is never closed, naming its line', async () => {
    const reading = await csvImporter.read(await fileOf('Numer;Opis\nFV/1;ok\nFV/2;"bez końca\n'));

    await expect(allRows(reading.rows)).rejects.toThrow(
      'The quoted cell on line 3 is never closed',
    );
  });

  it('reads the rows again on a second pass', async () => {
    const reading = await csvImporter.read(await fileOf('Numer;Kwota\nFV/1;10\n'));

    const first = await allRows(reading.rows);
    const second = await allRows(reading.rows);

    expect(second).toEqual(first);
    expect(first).toHaveLength(1);
  });
});

describe('detecting the encoding', () => {
  const ascii = (length: number) => 'FV/0001;Kowalski Jan;100,00\n'.repeat(length / 28);

  it('sees Windows-1250 whose first Polish letter comes after the first 64 KB', async () => {
    const text = `Numer;Klient;Kwota\n${ascii(100_016)}FV/9999;Łukasz Bąk;1,00\n`;

    const reading = await readAll(await fileOf(iconv.encode(text, 'win1250')));

    expect(reading.details.encoding).toBe('windows-1250');
    expect(reading.rows.at(-1)?.cells.Klient).toBe('Łukasz Bąk');
  });

  it('sees UTF-8 when a letter is cut in two by the end of the sample', async () => {
    // The sample starts at the first byte above ASCII, the `ł` at byte 1, and is 64 KB long:
    // its last byte is the first of the three of `€`.
    const start = 'Płatnik;Opis\nJan;';
    const filler = 'x'.repeat(64 * 1024 - Buffer.byteLength(start));
    const text = `${start}${filler}€ i dalej\n`;
    const bytes = Buffer.from(text);
    expect(bytes.subarray(1, 1 + 64 * 1024).at(-1)).toBe(0xe2);

    const reading = await readAll(await fileOf(bytes));

    expect(reading.details.encoding).toBe('utf-8');
    expect(reading.rows).toEqual([
      { line: 2, cells: { Płatnik: 'Jan', Opis: `${filler}€ i dalej` } },
    ]);
  });
});
