import type { TenantTransaction } from '@monity/core';
import {
  changedCustomers,
  customersByIds,
  openInvoicesOf,
  readLedgerMark,
  type LedgerMark,
} from './ledgerReads.ts';
import { OverdueTotals } from './overdueTotals.ts';
import { ScanScratch } from './scanScratch.ts';
import type { TenantColumns } from './tenantColumns.ts';

/**
 * One tenant's loaded columns and the ledger mark they reflect. Before each preview they are
 * brought up to what the request's transaction sees: the customers changed since the mark are
 * read again, with all their open invoices. Catching up is one at a time per tenant.
 */
export class TenantIndex {
  readonly overdue: OverdueTotals;
  readonly scratch = new ScanScratch();
  lastUsed = performance.now();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly tenantId: string,
    readonly columns: TenantColumns,
    private position: LedgerMark,
    private readonly maxChangedCustomers: number,
  ) {
    this.overdue = new OverdueTotals(columns);
  }

  /**
   * Applies what changed since the mark; false when the columns cannot follow (the read
   * model was rebuilt into new tables, or more customers changed than is worth reading one
   * by one) and the tenant must be loaded again.
   */
  catchUp(tx: TenantTransaction): Promise<boolean> {
    this.lastUsed = performance.now();
    const run = this.queue.then(() => this.applyChanges(tx));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyChanges(tx: TenantTransaction): Promise<boolean> {
    const now = await readLedgerMark(tx, this.tenantId);
    if (now.tables !== this.position.tables) return false;
    if (now.mark <= this.position.mark) return true;
    const limit = this.maxChangedCustomers;
    const ids = await changedCustomers(tx, this.tenantId, this.position.mark, limit + 1);
    if (ids.length > limit) return false;
    const customers = await customersByIds(tx, this.tenantId, ids);
    const invoices = await openInvoicesOf(tx, this.tenantId, ids);
    for (const facts of customers) this.columns.setCustomer(facts, invoices.get(facts.id)!);
    // Rows read after `now` may be newer still: read again next time, they change nothing.
    this.position = now;
    return true;
  }
}
