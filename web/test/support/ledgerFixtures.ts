import iconv from 'iconv-lite';
import { companyDay } from './fixtures.ts';

/** A line of the invoice export the ledger test imports. */
export interface InvoiceLine {
  customerId: string;
  name: string;
  taxId: string;
  city: string;
  number: string;
  issued: string;
  due: string;
  amount: string;
  open: string;
}

const HEADER = [
  'Kod kontrahenta',
  'Nazwa',
  'NIP',
  'Miasto',
  'Numer',
  'Data wystawienia',
  'Termin płatności',
  'Kwota brutto',
  'Pozostało do zapłaty',
  'Waluta',
];

/**
 * `dd.mm.yyyy`, `days` from the company's today (negative: in the past), as Polish ERP exports
 * write dates.
 */
export function polishDate(days: number): string {
  const [year, month, day] = companyDay(days).split('-');
  return `${day}.${month}.${year}`;
}

/**
 * An invoice export as a Polish ERP writes it: `;` between cells, Windows-1250, decimal commas
 * and spaces in amounts, dates as dd.mm.yyyy, CRLF line ends.
 */
export function invoiceExport(lines: InvoiceLine[]): Buffer {
  const rows = lines.map((line) =>
    [
      line.customerId,
      line.name,
      line.taxId,
      line.city,
      line.number,
      line.issued,
      line.due,
      line.amount,
      line.open,
      'PLN',
    ].join(';'),
  );
  return iconv.encode([HEADER.join(';'), ...rows, ''].join('\r\n'), 'win1250');
}
