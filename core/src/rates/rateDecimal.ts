/**
 * Exchange rates as decimal strings ("4.2345", "0.00022345"): what is stored and compared is
 * text, so a rate never passes through a binary float between the source and the database.
 */

/** Decimal places a rate keeps: the read model's numeric(18,8), which 10000 IDR needs. */
const RATE_DECIMALS = 8;
const WHOLE_DIGITS = 10;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export type RateReading = { ok: true; mid: string } | { ok: false; problem: string };

/**
 * A rate for `units` units of a currency, as written in `text` with a dot or a comma, brought
 * to one unit and to its shortest form: ("2,3456", 100) → "0.023456". `units` must be a power
 * of ten, as NBP's always are, so the division only moves the decimal point and stays exact.
 */
export function rateOfOneUnit(text: string, units = 1): RateReading {
  const match = DECIMAL.exec(text.trim().replace(',', '.'));
  if (!match) return { ok: false, problem: `"${text}" is not a decimal number` };
  const shift = powerOfTen(units);
  if (shift === undefined) return { ok: false, problem: `${units} units is not a power of ten` };

  const [, whole, fraction = ''] = match;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  const scale = fraction.length + shift;
  const padded = digits.padStart(scale + 1, '0');
  const point = padded.length - scale;
  return checked(shortest(`${padded.slice(0, point)}.${padded.slice(point)}`), text);
}

/**
 * A rate the NBP Web API gives as a JSON number, as the decimal it was written as. The shortest
 * text that reads back as the same double is the source's text for any rate of up to fifteen
 * significant digits; a number that needs more places than a rate keeps is refused.
 */
export function rateOfJsonNumber(value: number): RateReading {
  if (!Number.isFinite(value) || value < 0 || value >= 10 ** WHOLE_DIGITS) {
    return { ok: false, problem: `${value} is not a rate` };
  }
  const mid = shortest(value.toFixed(RATE_DECIMALS));
  if (Number(mid) !== value) {
    return { ok: false, problem: `${value} has more than ${RATE_DECIMALS} decimal places` };
  }
  return checked(mid, String(value));
}

/** A rate's digits as an integer and its count of decimal places: "4.2345" → [42345n, 4]. */
export function scaledRate(mid: string): [bigint, number] {
  const match = DECIMAL.exec(mid);
  if (!match) throw new RangeError(`"${mid}" is not a decimal rate`);
  const [, whole, fraction = ''] = match;
  return [BigInt(`${whole}${fraction}`), fraction.length];
}

function checked(mid: string, source: string): RateReading {
  const [whole, fraction = ''] = mid.split('.');
  if (fraction.length > RATE_DECIMALS) {
    return { ok: false, problem: `"${source}" has more than ${RATE_DECIMALS} decimal places` };
  }
  if (whole!.length > WHOLE_DIGITS) return { ok: false, problem: `"${source}" is too large` };
  if (mid === '0') return { ok: false, problem: 'a rate must be above zero' };
  return { ok: true, mid };
}

/** Without leading zeros of the whole part and trailing zeros of the fraction. */
function shortest(decimal: string): string {
  const [whole, fraction = ''] = decimal.split('.');
  const trimmedWhole = whole!.replace(/^0+(?=\d)/, '') || '0';
  const trimmedFraction = fraction.replace(/0+$/, '');
  return trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
}

function powerOfTen(units: number): number | undefined {
  const text = String(units);
  return /^10*$/.test(text) ? text.length - 1 : undefined;
}
