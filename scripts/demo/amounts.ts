import type { Random } from './prng.ts';

/**
 * Amounts are whole minor units (grosze, cents) in safe integers from the first draw on: sums,
 * splits and balances are then exact, and only the edge turns them into decimal strings.
 */

export type Currency = 'PLN' | 'EUR' | 'USD';

/** The amount as a decimal string with two decimals: "1234.56", "-0.50"; no thousands grouping. */
export function formatMinor(minor: number, decimalSeparator = '.'): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}${decimalSeparator}${cents < 10 ? '0' : ''}${cents}`;
}

/** Integer division rounding half up, for non-negative integers. */
function divideRounded(numerator: number, denominator: number): number {
  const rest = numerator % denominator;
  const quotient = (numerator - rest) / denominator;
  return rest * 2 >= denominator ? quotient + 1 : quotient;
}

const SMALLEST = 50_00;
const LARGEST = 250_000_00;

/** About what a zloty is worth in each currency, so euro invoices are not 4 times larger. */
const UNITS_PER_PLN: Record<Currency, number> = { PLN: 1, EUR: 0.23, USD: 0.25 };

/**
 * A customer's typical invoice size in PLN: most customers are small, a few buy a lot, and the
 * product of this and the per-invoice spread gives invoices from about 50 to 250,000.
 */
export function drawCustomerScale(random: Random): number {
  return random.logNormal(1_800, 1.0);
}

/**
 * A gross invoice amount in minor units, log-normal around the customer's scale. Some are round
 * (a flat fee, a whole hundred), and many PLN amounts are a round net price plus 23 % VAT, as
 * price lists make them; the rest carry arbitrary grosze.
 */
export function drawInvoiceAmount(random: Random, scale: number, currency: Currency): number {
  let minor = 0;
  // Drawing again rather than clamping keeps the edges of the range from piling up.
  for (let attempt = 0; attempt < 8; attempt++) {
    minor = Math.round(random.logNormal(scale, 0.8) * UNITS_PER_PLN[currency] * 100);
    if (minor >= SMALLEST && minor <= LARGEST) break;
  }
  minor = Math.min(LARGEST, Math.max(SMALLEST, minor));
  const shape = random.float();
  if (shape < 0.07) return roundTo(minor, minor >= 1_000_00 ? 100_00 : 10_00);
  if (shape < 0.14) return roundTo(minor, 100);
  if (shape < 0.32 && currency === 'PLN') {
    const net = roundTo(divideRounded(minor * 100, 123), minor >= 5_000_00 ? 100_00 : 100);
    return divideRounded(net * 123, 100);
  }
  return minor;
}

/** Rounded to a multiple of `step` (which must be at most the amount), never to zero. */
function roundTo(minor: number, step: number): number {
  return Math.max(step, divideRounded(minor, step) * step);
}

/**
 * `total` split into `parts` positive instalments in whole major units, the last one taking the
 * remainder: how a customer pays an invoice in instalments. Integer arithmetic only, so the
 * instalments sum exactly to `total`; fewer parts come back when `total` is too small to split.
 */
export function splitInstalments(random: Random, total: number, parts: number): number[] {
  const result: number[] = [];
  let left = total;
  for (let i = parts; i > 1; i--) {
    const even = quotient(quotient(left, 100), i);
    // A roughly even share, a quarter either way, in whole units.
    const spread = quotient(even, 4);
    const part = random.int(even - spread, even + spread) * 100;
    if (part < 100 || left - part < 100 * (i - 1)) break;
    result.push(part);
    left -= part;
  }
  result.push(left);
  return result;
}

/** A part of `total` in whole major units, between two percentages of it: a partial payment. */
export function partOf(random: Random, total: number, fromPercent: number, toPercent: number) {
  const units = quotient(total, 100);
  const part =
    random.int(quotient(units * fromPercent, 100), quotient(units * toPercent, 100)) * 100;
  return Math.min(total - 1, Math.max(100, part));
}

/** Integer division rounding down, for non-negative integers; exact, unlike a float quotient. */
function quotient(numerator: number, denominator: number): number {
  return (numerator - (numerator % denominator)) / denominator;
}
