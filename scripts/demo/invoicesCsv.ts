import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CustomerRecord, InvoiceRecord } from '@monity/core';
import iconv from 'iconv-lite';
import type { Ledger } from './ledgerGenerator.ts';

/**
 * The ledger as the invoice list an ERP exports: one row per invoice (and credit note), with its
 * customer's columns repeated on each row, and what is left to pay on it today.
 *
 * - `erp-pl`, as Polish ERPs write it: `;` between cells, a decimal comma and no thousands
 *   grouping ("1234,56", "-50,00"), dates as dd.mm.yyyy, Polish headers, Windows-1250.
 * - `iso`: `,` between cells, a decimal point, YYYY-MM-DD, English headers, UTF-8 (no BOM).
 *
 * Both end lines with CRLF and quote a cell only when it holds the delimiter, a quote or a line
 * break (quotes doubled). Several e-mails or phones share one cell, joined by ", ".
 */

export type CsvFormat = 'erp-pl' | 'iso';

export interface CsvOptions {
  format: CsvFormat;
}

export interface CsvSummary {
  /** Data rows, without the header. */
  rows: number;
  bytes: number;
}

const HEADERS: Record<CsvFormat, readonly string[]> = {
  'erp-pl': [
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
  ],
  iso: [
    'Customer id',
    'Name',
    'Tax id',
    'Street',
    'Postal code',
    'City',
    'Country',
    'E-mail',
    'Phone',
    'Invoice id',
    'Number',
    'Issue date',
    'Due date',
    'Currency',
    'Amount',
    'Open amount',
    'Corrects',
    'Cancelled',
  ],
};

interface Dialect {
  delimiter: string;
  needsQuotes: RegExp;
  decimal: (amount: string) => string;
  date: (iso: string) => string;
  flag: (set: boolean) => string;
  encode: (text: string) => Buffer;
}

const DIALECTS: Record<CsvFormat, Dialect> = {
  'erp-pl': {
    delimiter: ';',
    needsQuotes: /[;"\r\n]/,
    decimal: (amount) => amount.replace('.', ','),
    date: (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
    flag: (set) => (set ? 'tak' : 'nie'),
    // Characters the code page lacks become "?", as they do in the ERPs that write it.
    encode: (text) => iconv.encode(text, 'win1250'),
  },
  iso: {
    delimiter: ',',
    needsQuotes: /[,"\r\n]/,
    decimal: (amount) => amount,
    date: (iso) => iso,
    flag: (set) => (set ? 'true' : 'false'),
    encode: (text) => Buffer.from(text, 'utf8'),
  },
};

const LINE_END = '\r\n';
/** Rows are gathered into chunks of about this many characters before each write. */
const CHUNK = 64 * 1024;

/**
 * Writes the ledger's invoices to `output`, waiting for the stream to drain whenever it asks to,
 * so memory stays flat however large the ledger. Leaves the stream open: the caller ends it.
 */
export async function writeInvoicesCsv(
  ledger: Pick<Ledger, 'accounts'>,
  output: Writable,
  options: CsvOptions,
): Promise<CsvSummary> {
  const dialect = DIALECTS[options.format];
  const summary: CsvSummary = { rows: 0, bytes: 0 };
  // A stream's error is kept until the next write rather than crashing the process unheard.
  let failure: Error | undefined;
  const onError = (error: Error) => (failure ??= error);
  output.on('error', onError);
  const write = async (text: string) => {
    if (failure) throw failure;
    if (output.destroyed) throw new Error('The output stream was closed before the end');
    const bytes = dialect.encode(text);
    summary.bytes += bytes.length;
    if (!output.write(bytes)) await drained(output);
  };
  try {
    await writeRows(ledger, dialect, options.format, write, summary);
  } finally {
    output.off('error', onError);
  }
  if (failure) throw failure;
  return summary;
}

async function writeRows(
  ledger: Pick<Ledger, 'accounts'>,
  dialect: Dialect,
  format: CsvFormat,
  write: (text: string) => Promise<void>,
  summary: CsvSummary,
): Promise<void> {
  let chunk = HEADERS[format].map((header) => quote(header, dialect)).join(dialect.delimiter);
  chunk += LINE_END;
  for (const account of ledger.accounts()) {
    const customer = customerCells(account.customer, dialect);
    account.invoices.forEach((invoice, i) => {
      const cells = invoiceCells(invoice, account.openAmounts[i] as string, dialect);
      chunk += `${customer}${dialect.delimiter}${cells}${LINE_END}`;
    });
    summary.rows += account.invoices.length;
    if (chunk.length >= CHUNK) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) await write(chunk);
}

/** Until the stream asks for more, or closes (the next write then reports it). */
async function drained(output: Writable): Promise<void> {
  const stop = new AbortController();
  const { signal } = stop;
  try {
    await Promise.race([once(output, 'drain', { signal }), once(output, 'close', { signal })]);
  } finally {
    stop.abort();
  }
}

function customerCells(customer: CustomerRecord, dialect: Dialect): string {
  return [
    customer.id,
    customer.name,
    customer.taxId ?? '',
    customer.street ?? '',
    customer.postalCode ?? '',
    customer.city ?? '',
    customer.country ?? 'PL',
    (customer.emails ?? []).join(', '),
    (customer.phones ?? []).join(', '),
  ]
    .map((value) => quote(value, dialect))
    .join(dialect.delimiter);
}

function invoiceCells(invoice: InvoiceRecord, openAmount: string, dialect: Dialect): string {
  return [
    invoice.id,
    invoice.number,
    dialect.date(invoice.issueDate),
    dialect.date(invoice.dueDate),
    invoice.currency,
    dialect.decimal(invoice.amount),
    dialect.decimal(openAmount),
    invoice.corrects ?? '',
    dialect.flag(invoice.cancelled === true),
  ]
    .map((value) => quote(value, dialect))
    .join(dialect.delimiter);
}

function quote(value: string, dialect: Dialect): string {
  return dialect.needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
