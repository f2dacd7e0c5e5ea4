const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/**
 * A Polish tax id (NIP) in its canonical 10 digits, or `undefined` when it is not one: wrong
 * length or a failing checksum. Dashes, spaces and a `PL` prefix are accepted on input.
 * Written here: the checksum is nine multiplications, and no maintained package does only this.
 */
export function normalisePolishTaxId(input: string): string | undefined {
  const digits = input.replace(/^PL/i, '').replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return undefined;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  return sum % 11 === Number(digits[9]) ? digits : undefined;
}
