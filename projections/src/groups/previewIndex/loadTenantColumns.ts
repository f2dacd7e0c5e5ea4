import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { TenantDatabase } from '@monity/core';
import {
  countOpenInvoices,
  customerPage,
  openInvoicesOf,
  readLedgerMark,
  type LedgerMark,
} from './ledgerReads.ts';
import { TenantColumns } from './tenantColumns.ts';

/** Customers read per page: about 20,000 invoices at ten a customer, some 20 ms of parsing. */
const CUSTOMERS_PER_PAGE = 2_000;
/** Room for invoices opened after the load before the columns must grow. */
const SLACK = 1.05;

export interface LoadedColumns {
  columns: TenantColumns;
  /** Where the ledger stood before the first page: every change after it is still to apply. */
  since: LedgerMark;
}

/**
 * Reads a tenant's customers and open invoices into columns, a page of customers at a time,
 * each page in a short transaction of its own: one long snapshot would hold back the event
 * log's readers (and so every projection) for the seconds a million rows take. Pages of a
 * ledger that moves meanwhile may disagree; the mark read first says what to read again.
 * Between pages the event loop serves other requests.
 */
export async function loadTenantColumns(
  tenantDb: TenantDatabase,
  tenantId: string,
  maxInvoices: number,
): Promise<LoadedColumns | null> {
  const start = await tenantDb.transaction({ tenantId }, async (tx) => ({
    since: await readLedgerMark(tx, tenantId),
    invoices: await countOpenInvoices(tx, tenantId),
  }));
  if (start.invoices > maxInvoices) return null;
  const columns = new TenantColumns(Math.ceil(start.invoices * SLACK));
  for (let after: string | null = null; ;) {
    const page = await tenantDb.transaction({ tenantId }, async (tx) => {
      const customers = await customerPage(tx, tenantId, after, CUSTOMERS_PER_PAGE);
      const invoices = await openInvoicesOf(
        tx,
        tenantId,
        customers.map((c) => c.id),
      );
      return { customers, invoices };
    });
    for (const facts of page.customers) columns.setCustomer(facts, page.invoices.get(facts.id)!);
    if (page.customers.length < CUSTOMERS_PER_PAGE) break;
    after = page.customers.at(-1)!.id;
    await yieldToEvents();
  }
  return { columns, since: start.since };
}
