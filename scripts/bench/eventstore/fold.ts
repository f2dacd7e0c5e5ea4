import type { InvoiceIssued } from '../support/invoiceIssued.ts';

/** What a read-all folds from every event's data, so no reader can skip decoding it. */
export interface InvoiceTotals {
  count: number;
  grossByCurrency: Record<string, number>;
}

export function emptyTotals(): InvoiceTotals {
  return { count: 0, grossByCurrency: {} };
}

export function addInvoice(totals: InvoiceTotals, data: InvoiceIssued): void {
  totals.count++;
  totals.grossByCurrency[data.currency] =
    (totals.grossByCurrency[data.currency] ?? 0) + data.grossAmount;
}

/** Both readers read the same generated invoices, so their folds must agree to the grosz. */
export function assertSameTotals(monity: InvoiceTotals, emmett: InvoiceTotals): void {
  const currencies = new Set([
    ...Object.keys(monity.grossByCurrency),
    ...Object.keys(emmett.grossByCurrency),
  ]);
  for (const currency of currencies) {
    if (monity.grossByCurrency[currency] !== emmett.grossByCurrency[currency]) {
      throw new Error(`The readers disagree on the ${currency} total`);
    }
  }
}
