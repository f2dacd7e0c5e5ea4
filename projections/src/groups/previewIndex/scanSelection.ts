import type { ScanScratch } from './scanScratch.ts';
import type { Filter } from './slotFilters.ts';
import type { TenantColumns } from './tenantColumns.ts';

/** A matching customer's invoices and open amount in one currency. */
interface CustomerSum {
  currency: number;
  invoices: number;
  open: number;
}

export interface ScanResult {
  /** Per currency number: customers, invoices and open amount matched. */
  currencies: Map<number, { customers: number; invoices: number; open: number }>;
  customers: number;
  /** The first customers: largest open amount in any one currency first, then by id. */
  top: { c: number; sums: CustomerSum[] }[];
}

/**
 * One pass over the open invoices: the filter keeps the matching slots, and each is added to
 * its customer's sum in its currency. Sums stay exact: whole minor units below 2^53.
 */
export function scanSelection(
  columns: TenantColumns,
  filter: Filter,
  limit: number,
  scratch: ScanScratch,
): ScanResult {
  const stride = Math.max(1, columns.currencyCodes.length);
  const { counts, sums } = scratch.cells(columns.customers.length * stride);
  const matched: number[] = [];
  const { customer, currency, open, size } = columns;
  const slots = scratch.slots(size);
  let count = 0;
  for (let slot = 0; slot < size; slot += 1) {
    slots[count] = slot;
    count += +(customer[slot]! >= 0);
  }
  count = filter(slots, count);
  for (let k = 0; k < count; k += 1) {
    const slot = slots[k]!;
    const cell = customer[slot]! * stride + currency[slot]!;
    const invoices = counts[cell]!;
    if (invoices === 0) matched.push(cell);
    counts[cell] = invoices + 1;
    sums[cell] = sums[cell]! + open[slot]!;
  }
  const result = summarise(columns, matched, { counts, sums, stride, limit, scratch });
  for (const cell of matched) {
    counts[cell] = 0;
    sums[cell] = 0;
  }
  return result;
}

function summarise(
  columns: TenantColumns,
  matched: number[],
  cells: {
    counts: Int32Array;
    sums: Float64Array;
    stride: number;
    limit: number;
    scratch: ScanScratch;
  },
): ScanResult {
  const { counts, sums, stride, limit } = cells;
  const currencies = new Map<number, { customers: number; invoices: number; open: number }>();
  const largest = cells.scratch.largest(columns.customers.length);
  const customers: number[] = [];
  for (const cell of matched) {
    const c = Math.floor(cell / stride);
    const cur = cell - c * stride;
    const total = currencies.get(cur) ?? { customers: 0, invoices: 0, open: 0 };
    total.customers += 1;
    total.invoices += counts[cell]!;
    total.open += sums[cell]!;
    currencies.set(cur, total);
    if (largest[c]! < 0) customers.push(c);
    largest[c] = Math.max(largest[c]!, sums[cell]!);
  }
  const top = firstCustomers(columns, customers, largest, limit).map((c) => ({
    c,
    sums: columns.currencyCodes.flatMap((_code, cur) => {
      const cell = c * stride + cur;
      return counts[cell]! > 0
        ? [{ currency: cur, invoices: counts[cell]!, open: sums[cell]! }]
        : [];
    }),
  }));
  for (const c of customers) largest[c] = -1;
  return { currencies, customers: customers.length, top };
}

/**
 * The `limit` customers first by largest sum, then by id, as the SQL orders them (uuids
 * compare as their lower-case text). Keeps a short sorted list rather than sorting them all.
 */
function firstCustomers(
  columns: TenantColumns,
  customers: number[],
  largest: Float64Array,
  limit: number,
) {
  const ids = columns.customers;
  const before = (a: number, b: number) =>
    largest[a]! > largest[b]! || (largest[a] === largest[b] && ids[a]!.id < ids[b]!.id);
  const first: number[] = [];
  for (const c of customers) {
    if (first.length === limit && !before(c, first[limit - 1]!)) continue;
    let at = first.length;
    while (at > 0 && before(c, first[at - 1]!)) at -= 1;
    first.splice(at, 0, c);
    if (first.length > limit) first.pop();
  }
  return first;
}
