import { normalisePolishTaxId } from '../../validation/polishTaxId.ts';

/**
 * A customer's tax id in canonical form: a Polish NIP must pass its checksum; ids of other
 * countries (VAT numbers, foreign registry ids) are kept as written, upper-cased, without
 * spaces, since Monity cannot check every country's rule.
 */
export function normaliseTaxId(
  text: string,
  country: string,
): { ok: true; value: string } | { ok: false; problem: string } {
  if (country === 'PL') {
    const nip = normalisePolishTaxId(text);
    return nip
      ? { ok: true, value: nip }
      : { ok: false, problem: 'A Polish NIP has 10 digits and a valid checksum' };
  }
  const value = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{2,30}$/.test(value)) {
    return { ok: false, problem: 'A tax id has 2 to 30 letters and digits' };
  }
  return { ok: true, value };
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** True for an ISO 3166-1 alpha-2 country code, e.g. PL, DE. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && REGIONS.of(code) !== undefined;
}
