import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateLedger, writeInvoicesCsv } from '../../demo/index.ts';

/** The day the benchmark ledger is "as of": fixed, so every run imports the same file. */
const BENCH_TODAY = '2026-12-03';

/** Writes the standard benchmark file: an ERP's invoice export, one row per invoice. */
export async function writeInvoiceFile(path: string, customers: number, invoicesPerCustomer = 10) {
  const ledger = generateLedger({ seed: 1, customers, invoicesPerCustomer, today: BENCH_TODAY });
  const output = createWriteStream(path);
  const summary = await writeInvoicesCsv(ledger, output, { format: 'erp-pl' });
  output.end();
  await once(output, 'close');
  return summary;
}

/** How the benchmark maps that file's columns, as a user would in the import page. */
export const ERP_MAPPING = {
  rows: 'invoices',
  columns: {
    'customer.id': 'Kod kontrahenta',
    'customer.name': 'Nazwa',
    'customer.taxId': 'NIP',
    'customer.street': 'Ulica',
    'customer.postalCode': 'Kod pocztowy',
    'customer.city': 'Miejscowość',
    'customer.country': 'Kraj',
    'customer.email': 'E-mail',
    'customer.phone': 'Telefon',
    'invoice.id': 'Id dokumentu',
    'invoice.number': 'Numer',
    'invoice.issueDate': 'Data wystawienia',
    'invoice.dueDate': 'Termin płatności',
    'invoice.currency': 'Waluta',
    'invoice.amount': 'Kwota brutto',
    'invoice.openAmount': 'Pozostało do zapłaty',
    'invoice.corrects': 'Dokument korygowany',
    'invoice.cancelled': 'Anulowany',
  },
} as const;

/**
 * The same export read as open invoices only: without its "left to pay" column every invoice
 * loads as unpaid, as a ledger of receivables still to collect.
 */
export const OPEN_INVOICES_MAPPING = {
  ...ERP_MAPPING,
  columns: Object.fromEntries(
    Object.entries(ERP_MAPPING.columns).filter(([field]) => field !== 'invoice.openAmount'),
  ),
};
