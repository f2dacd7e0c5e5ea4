import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { generateLedger, writeInvoicesCsv, type CsvFormat } from '../index.ts';

const TODAY = '2026-12-03';

/** Collects what is written; a small buffer and a slow consumer make the writer wait for drain. */
class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  drains = 0;

  constructor() {
    super({ highWaterMark: 1024 });
    this.on('drain', () => this.drains++);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    setImmediate(done);
  }
}

/** RFC 4180 rows: quoted cells may hold the delimiter, doubled quotes and line breaks. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      [row, cell] = [[], ''];
      i++;
    } else cell += char;
  }
  expect(cell).toBe('');
  return rows;
}

async function write(customers: number, format: CsvFormat) {
  const ledger = generateLedger({ customers, seed: 8, today: TODAY });
  const output = new Collector();
  const summary = await writeInvoicesCsv(ledger, output, { format });
  return { ledger, output, summary, bytes: Buffer.concat(output.chunks) };
}

describe('invoice CSV export', () => {
  it('writes what a Polish ERP exports: ";", decimal comma, dd.mm.yyyy, Windows-1250', async () => {
    const { ledger, output, summary, bytes } = await write(500, 'erp-pl');
    expect(bytes.length).toBe(summary.bytes);
    expect(output.drains).toBeGreaterThan(0);
    // Polish letters are single bytes in Windows-1250, never UTF-8 pairs.
    expect(bytes.includes(Buffer.from('ł', 'utf8'))).toBe(false);
    const text = iconv.decode(bytes, 'win1250');
    const [header, ...rows] = parseCsv(text, ';');
    expect(header).toEqual([
      'Kod kontrahenta',
      'Nazwa',
      'NIP',
      'Ulica',
      'Kod pocztowy',
      'Miejscowość',
      'Kraj',
      'E-mail',
      'Telefon',
      'Id dokumentu',
      'Numer',
      'Data wystawienia',
      'Termin płatności',
      'Waluta',
      'Kwota brutto',
      'Pozostało do zapłaty',
      'Dokument korygowany',
      'Anulowany',
    ]);
    expect(/[ąćęłńóśźż]/i.test(rows.map((row) => row.slice(1, 6).join(' ')).join('\n'))).toBe(true);

    const expected = [...ledger.accounts()].flatMap((account) =>
      account.invoices.map((invoice, i) => ({ account, invoice, open: account.openAmounts[i] })),
    );
    expect(rows.length).toBe(expected.length);
    expect(summary.rows).toBe(expected.length);
    const comma = (amount: string) => amount.replace('.', ',');
    const polishDate = (iso: string) => iso.split('-').reverse().join('.');
    rows.forEach((row, i) => {
      const { account, invoice, open } = expected[i] as (typeof expected)[number];
      expect(row).toHaveLength(18);
      expect(row.slice(0, 3)).toEqual([
        account.customer.id,
        account.customer.name,
        account.customer.taxId ?? '',
      ]);
      expect(row[9]).toBe(invoice.id);
      expect(row[11]).toMatch(/^\d\d\.\d\d\.\d{4}$/);
      expect([row[11], row[12]]).toEqual([
        polishDate(invoice.issueDate),
        polishDate(invoice.dueDate),
      ]);
      expect(row[14]).toMatch(/^-?\d+,\d\d$/);
      expect([row[14], row[15]]).toEqual([comma(invoice.amount), comma(open as string)]);
    });
    // Names with quotes come back whole, their quotes doubled on the way.
    expect(rows.some((row) => row[1]?.includes('"'))).toBe(true);
    expect(text).toContain('""');
  });

  it('writes an ISO variant: ",", decimal point, YYYY-MM-DD, UTF-8 and English headers', async () => {
    const { ledger, bytes } = await write(200, 'iso');
    const text = bytes.toString('utf8');
    const [header, ...rows] = parseCsv(text, ',');
    expect(header?.slice(0, 3)).toEqual(['Customer id', 'Name', 'Tax id']);
    expect(header?.slice(14, 16)).toEqual(['Amount', 'Open amount']);
    const invoices = [...ledger.invoices()];
    expect(rows.map((row) => [row[9], row[11], row[14]])).toEqual(
      invoices.map((invoice) => [invoice.id, invoice.issueDate, invoice.amount]),
    );
    // Two e-mails share a cell, so that cell is quoted for its comma.
    expect(text).toMatch(/,"[^",]+@[^",]+, [^",]+@[^",]+",/);
  });

  it('writes the same bytes for the same seed', async () => {
    const first = await write(300, 'erp-pl');
    const second = await write(300, 'erp-pl');
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });
});
