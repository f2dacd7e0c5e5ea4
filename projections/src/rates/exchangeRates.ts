import { minorDigits, scaledRate, type TenantTransaction } from '@monity/core';

/** One currency's rate as the read model serves it: mid in PLN for one unit, decimal text. */
export interface RateOnDay {
  currency: string;
  mid: string;
  effectiveDate: string;
  /** The NBP table's number, `001/A/NBP/2026`. */
  table: string;
}

/**
 * For each currency, the rate of the latest table effective on or before `day`: on a Saturday,
 * Friday's. A simplification for management figures (docs/exchange-rates.md): tax law takes
 * the last table before the day of the event.
 *
 * Known shortcoming: a currency NBP stopped quoting keeps its last rate however old (its
 * `effectiveDate` shows it); and the query reads every row up to the day to keep the latest.
 */
export async function latestRates(
  tx: TenantTransaction,
  tenantId: string,
  day: string,
): Promise<RateOnDay[]> {
  const { rows } = await tx.query<RateOnDay>(
    `SELECT DISTINCT ON (currency) currency, trim_scale(mid)::text AS mid,
       effective_date::text AS "effectiveDate", table_number AS "table"
     FROM rm_exchange_rates WHERE tenant_id = $1 AND effective_date <= $2::date
     ORDER BY currency, effective_date DESC`,
    [tenantId, day],
  );
  return rows;
}

/**
 * The rates to convert a day's figures to PLN with, by currency code, read in one query: for
 * each currency, the latest table effective on or before `day`. PLN itself is not in the map;
 * `toPlnMinor` converts it to itself.
 *
 * @example
 * ```ts
 * const rates = await ratesOn(tx, tenantId, '2026-03-14');
 * const rate = rates.get('EUR'); // { mid: '4.2345', effectiveDate: '2026-03-13' } — a Friday
 * const pln = rate ? toPlnMinor(12_345, 'EUR', rate.mid) : undefined; // 123.45 EUR → 52275 gr
 * ```
 */
export async function ratesOn(
  tx: TenantTransaction,
  tenantId: string,
  day: string,
): Promise<Map<string, { mid: string; effectiveDate: string }>> {
  const rates = await latestRates(tx, tenantId, day);
  return new Map(rates.map((r) => [r.currency, { mid: r.mid, effectiveDate: r.effectiveDate }]));
}

const PLN_DIGITS = BigInt(minorDigits('PLN'));

/**
 * An amount in minor units of `currency` (cents, yen: see `minorDigits`) in PLN grosze at
 * `mid` PLN for one unit, rounded half away from zero. Exact: BigInt throughout, no floating
 * point. PLN converts to itself, whatever `mid` says.
 *
 * @example
 * toPlnMinor(12_345, 'EUR', '4.2345'); // 123.45 EUR × 4.2345 = 522.749025 PLN → 52275
 * toPlnMinor(1_000, 'JPY', '0.023456'); // 1000 JPY (no minor unit) → 23.456 PLN → 2346
 */
export function toPlnMinor(amountMinor: number, currency: string, mid: string): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`${amountMinor} is not an amount in minor units`);
  }
  if (currency === 'PLN') return amountMinor;

  const [rate, places] = scaledRate(mid);
  // amount × 10^-digits × rate × 10^-places PLN = amount × rate × 10^(2 - digits - places) gr
  const shift = PLN_DIGITS - BigInt(minorDigits(currency)) - BigInt(places);
  const product = BigInt(amountMinor) * rate;
  const grosze = shift >= 0n ? product * 10n ** shift : roundedQuotient(product, 10n ** -shift);
  if (grosze > BigInt(Number.MAX_SAFE_INTEGER) || grosze < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${amountMinor} ${currency} at ${mid} is too large an amount of PLN`);
  }
  return Number(grosze);
}

/** `dividend / divisor` rounded half away from zero; `divisor` is positive. */
function roundedQuotient(dividend: bigint, divisor: bigint): bigint {
  const magnitude = dividend < 0n ? -dividend : dividend;
  const quotient = magnitude / divisor + (2n * (magnitude % divisor) >= divisor ? 1n : 0n);
  return dividend < 0n ? -quotient : quotient;
}
