import type { ForeignCountryCode } from './foreignCountries.ts';
import type { Random } from './prng.ts';

/**
 * Tax ids that pass the checks their countries define: a Polish NIP, and the EU VAT numbers (and
 * the British one) of the foreign customers, each with its country's check digits, so that a
 * validating import or a VAT lookup form takes them for well-formed ids.
 */

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/**
 * A valid NIP: nine digits (the first three a tax office's code, so never starting with 0) and
 * the check digit, their weighted sum mod 11. A sum of 10 has no check digit: draw again.
 */
export function polishNip(random: Random): string {
  for (;;) {
    const digits = [random.int(1, 9), random.int(0, 9), random.int(1, 9)];
    for (let i = 3; i < 9; i++) digits.push(random.int(0, 9));
    const check = weightedSum(digits, NIP_WEIGHTS) % 11;
    if (check !== 10) return `${digits.join('')}${check}`;
  }
}

/**
 * A NIP as ERPs hold it: mostly bare digits, sometimes grouped with dashes the two ways Polish
 * documents print them, sometimes with the EU prefix.
 */
export function writeNip(random: Random, nip: string): string {
  const style = random.float();
  if (style < 0.85) return nip;
  if (style < 0.95)
    return `${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`;
  if (style < 0.98)
    return `${nip.slice(0, 3)}-${nip.slice(3, 5)}-${nip.slice(5, 7)}-${nip.slice(7)}`;
  return `PL${nip}`;
}

export function foreignTaxId(random: Random, country: ForeignCountryCode): string {
  switch (country) {
    case 'DE':
      return `DE${german(random)}`;
    case 'AT':
      return `ATU${austrian(random)}`;
    case 'CZ':
      return `CZ${czech(random)}`;
    case 'SK':
      return `SK${slovak(random)}`;
    case 'LT':
      return `LT${lithuanian(random)}`;
    case 'NL':
      return `NL${dutch(random)}B${String(random.int(1, 3)).padStart(2, '0')}`;
    case 'GB':
      return `GB${british(random)}`;
  }
}

function draw(random: Random, count: number, first = 0): number[] {
  const digits = [random.int(first, 9)];
  for (let i = 1; i < count; i++) digits.push(random.int(0, 9));
  return digits;
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] as number) * (weights[i] as number);
  return sum;
}

/** Eight digits and a check digit by the ISO 7064 MOD 11,10 scheme. */
function german(random: Random): string {
  const digits = draw(random, 8, 1);
  let product = 10;
  for (const digit of digits) {
    let sum = (digit + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return `${digits.join('')}${check === 10 ? 0 : check}`;
}

/** Seven digits and a check digit: every second digit doubled and its digits summed, plus 4. */
function austrian(random: Random): string {
  const digits = draw(random, 7);
  let sum = 0;
  digits.forEach((digit, i) => {
    const value = i % 2 === 1 ? digit * 2 : digit;
    sum += Math.floor(value / 10) + (value % 10);
  });
  return `${digits.join('')}${(10 - ((sum + 4) % 10)) % 10}`;
}

/** A company's eight-digit IČO: seven digits weighted 8 to 2, and a mod 11 check digit. */
function czech(random: Random): string {
  const digits = draw(random, 7, 1);
  const rest = weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) % 11;
  const check = rest === 0 ? 1 : rest === 1 ? 0 : 11 - rest;
  return `${digits.join('')}${check}`;
}

/** Ten digits, the first not 0, the third one of 2, 3, 4, 7, 8, 9, the whole divisible by 11. */
function slovak(random: Random): string {
  for (;;) {
    const digits = draw(random, 9, 1);
    digits[2] = random.pick([2, 3, 4, 7, 8, 9]);
    // Ten digits are 0 mod 11 when their alternating sum is, counted from the last digit (+).
    let alternating = 0;
    digits.forEach((digit, i) => (alternating += i % 2 === 0 ? -digit : digit));
    const last = (((-alternating % 11) + 11) % 11) as number;
    if (last < 10) return `${digits.join('')}${last}`;
  }
}

/** A legal entity's nine digits: eighth digit 1, the check digit by two weightings mod 11. */
function lithuanian(random: Random): string {
  const digits = draw(random, 8);
  digits[7] = 1;
  let check = weightedSum(digits, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
  if (check === 10) check = weightedSum(digits, [3, 4, 5, 6, 7, 8, 9, 1]) % 11;
  return `${digits.join('')}${check === 10 ? 0 : check}`;
}

/** Nine digits: eight weighted 9 to 2, the ninth their sum mod 11 (which must be a digit). */
function dutch(random: Random): string {
  for (;;) {
    const digits = draw(random, 8);
    const check = weightedSum(digits, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

/** Seven digits weighted 8 to 2 and two check digits that bring the sum to a multiple of 97. */
function british(random: Random): string {
  const digits = draw(random, 7, 1);
  const check = (97 - (weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) % 97)) % 97;
  return `${digits.join('')}${String(check).padStart(2, '0')}`;
}
