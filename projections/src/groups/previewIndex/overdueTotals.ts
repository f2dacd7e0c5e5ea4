import type { TenantColumns } from './tenantColumns.ts';

/**
 * Each customer's overdue amount and invoices per currency on one day, as rm_customer_totals
 * holds them once its day is moved there (ledger/overdueDay.ts): the open invoices due before
 * the day. Derived from the columns in one pass, again whenever the day or the columns change.
 */
export class OverdueTotals {
  private day = Number.NaN;
  private version = -1;
  /** Cells per customer: one per currency number. */
  stride = 0;
  /** By cell, `customer * stride + currency`. */
  amounts = new Float64Array(0);
  counts = new Int32Array(0);

  constructor(private readonly columns: TenantColumns) {}

  /** Brings the totals to `day`; cheap when nothing changed since the last call. */
  at(day: number): this {
    const { columns } = this;
    if (day === this.day && columns.version === this.version) return this;
    this.stride = columns.currencyCodes.length;
    const cells = columns.customers.length * this.stride;
    this.amounts = new Float64Array(cells);
    this.counts = new Int32Array(cells);
    const { customer, currency, due, open, size } = columns;
    for (let slot = 0; slot < size; slot += 1) {
      const c = customer[slot]!;
      if (c < 0 || due[slot]! >= day) continue;
      const cell = c * this.stride + currency[slot]!;
      this.amounts[cell] = this.amounts[cell]! + open[slot]!;
      this.counts[cell] = this.counts[cell]! + 1;
    }
    this.day = day;
    this.version = columns.version;
    return this;
  }
}
