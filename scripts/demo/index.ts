/** A realistic Polish demo ledger, streamed: generate it, or write it as an ERP's CSV export. */
export {
  generateLedger,
  type CustomerAccount,
  type Ledger,
  type LedgerCounts,
  type LedgerOptions,
} from './ledgerGenerator.ts';
export {
  writeInvoicesCsv,
  type CsvFormat,
  type CsvOptions,
  type CsvSummary,
} from './invoicesCsv.ts';
