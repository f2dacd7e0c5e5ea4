import type { Matcher } from './compileMatcher.ts';
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

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/**
 * One pass over the open invoices: each matching invoice is added to its customer's sum in
 * its currency, the customer's own conditions tested once per customer and currency. Sums
 * stay exact: they are whole minor units below 2^53.
 */
export function scanSelection(columns: TenantColumns, matcher: Matcher, limit: number) {
  const stride = Math.max(1, columns.currencyCodes.length);
  const cells = columns.customers.length * stride;
  const verdicts = new Uint8Array(cells);
  const counts = new Int32Array(cells);
  const sums = new Float64Array(cells);
  const matched: number[] = [];
  const { customer, currency, open, size } = columns;
  const { invoice: invoiceTest, customer: customerTest, currency: only } = matcher;
  if (only === -2) return summarise(columns, matched, counts, sums, stride, limit);
  for (let slot = 0; slot < size; slot += 1) {
    const c = customer[slot]!;
    if (c < 0) continue;
    const cur = currency[slot]!;
    if (only >= 0 && cur !== only) continue;
    if (!invoiceTest(slot, c, cur)) continue;
    const cell = c * stride + cur;
    let verdict = verdicts[cell]!;
    if (verdict === UNKNOWN) {
      verdict = customerTest(-1, c, cur) ? YES : NO;
      verdicts[cell] = verdict;
    }
    if (verdict === NO) continue;
    const count = counts[cell]!;
    if (count === 0) matched.push(cell);
    counts[cell] = count + 1;
    sums[cell] = sums[cell]! + open[slot]!;
  }
  return summarise(columns, matched, counts, sums, stride, limit);
}

function summarise(
  columns: TenantColumns,
  matched: number[],
  counts: Int32Array,
  sums: Float64Array,
  stride: number,
  limit: number,
): ScanResult {
  const currencies = new Map<number, { customers: number; invoices: number; open: number }>();
  const largest = new Map<number, number>();
  for (const cell of matched) {
    const c = Math.floor(cell / stride);
    const cur = cell % stride;
    const total = currencies.get(cur) ?? { customers: 0, invoices: 0, open: 0 };
    total.customers += 1;
    total.invoices += counts[cell]!;
    total.open += sums[cell]!;
    currencies.set(cur, total);
    largest.set(c, Math.max(largest.get(c) ?? -Infinity, sums[cell]!));
  }
  const top = firstCustomers(columns, largest, limit).map((c) => ({
    c,
    sums: columns.currencyCodes.flatMap((_code, cur) => {
      const cell = c * stride + cur;
      return counts[cell]! > 0
        ? [{ currency: cur, invoices: counts[cell]!, open: sums[cell]! }]
        : [];
    }),
  }));
  return { currencies, customers: largest.size, top };
}

/**
 * The `limit` customers first by largest sum, then by id, as the SQL orders them (uuids
 * compare as their lower-case text). Keeps a short sorted list rather than sorting them all.
 */
function firstCustomers(columns: TenantColumns, largest: Map<number, number>, limit: number) {
  const ids = columns.customers;
  const before = (a: [number, number], b: [number, number]) =>
    a[1] > b[1] || (a[1] === b[1] && ids[a[0]]!.id < ids[b[0]]!.id);
  const first: [number, number][] = [];
  for (const entry of largest) {
    if (first.length === limit && !before(entry, first[limit - 1]!)) continue;
    let at = first.length;
    while (at > 0 && before(entry, first[at - 1]!)) at -= 1;
    first.splice(at, 0, entry);
    if (first.length > limit) first.pop();
  }
  return first.map(([c]) => c);
}
