/**
 * Money is held as an integer count of the currency's minor unit (grosze for PLN, cents for
 * EUR, yen for JPY): sums stay exact, and floating point never touches an amount.
 */

const minorDigitsCache = new Map<string, number>();

/** ISO 4217 codes this runtime knows (the ICU list, about 160 active currencies). */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** How many digits the currency's minor unit has: 2 for PLN, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; problem: string };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal string ("1234.56", "-10", "0.5") as minor units of `currency`. More decimal
 * places than the currency has are refused rather than rounded: an import must not lose a grosz
 * without the user seeing it.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const match = DECIMAL.exec(text.trim());
  if (!match) return { ok: false, problem: `"${text}" is not a decimal amount like 1234.56` };
  const [, sign, whole, fraction = ''] = match;
  const digits = minorDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    return { ok: false, problem: `${currency} amounts have at most ${digits} decimal places` };
  }
  const minor = Number(whole! + fraction.padEnd(digits, '0').slice(0, digits));
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: 'The amount is too large' };
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor };
}

/** Minor units back to the decimal string the API speaks: 123456 PLN → "1234.56". */
export function formatAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
