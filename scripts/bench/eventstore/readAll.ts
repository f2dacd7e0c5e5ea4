import { readAllPages } from '@monity/core';
import type { Logger } from 'pino';
import type { InvoiceIssued } from '../support/invoiceIssued.ts';
import { now, perSecond } from '../support/measure.ts';
import { addInvoice, emptyTotals, type InvoiceTotals } from './fold.ts';
import { openStore } from './store.ts';

export interface ReadAllResult {
  rate: number;
  totals: InvoiceTotals;
}

/**
 * Reads every event in global order, page by page with `readAll` (the next page fetched while
 * the current one is folded, as subscriptions do), folding each one.
 */
export async function readAll(
  url: string,
  pageSize: number,
  logger: Logger,
): Promise<ReadAllResult> {
  const { store, close } = openStore(url, 1, logger);
  try {
    const totals = emptyTotals();
    const start = now();
    const pages = readAllPages((options) => store.readAll(options), { maxCount: pageSize });
    for await (const page of pages) {
      for (const event of page.events) addInvoice(totals, event.data as InvoiceIssued);
    }
    return { rate: perSecond(totals.count, now() - start), totals };
  } finally {
    await close();
  }
}
