import type { Random } from './random.ts';

const WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** The check digit of a Polish tax id (NIP) from its first nine digits; 10 means none fits. */
function nipCheckDigit(digits: readonly number[]): number {
  return WEIGHTS.reduce((sum, weight, i) => sum + weight * digits[i]!, 0) % 11;
}

/** A random valid NIP; the first three digits name a tax office, so they never start with 0. */
export function randomNip(random: Random): string {
  for (;;) {
    const digits = [random.int(1, 9), ...Array.from({ length: 8 }, () => random.int(0, 9))];
    const check = nipCheckDigit(digits);
    if (check !== 10) return [...digits, check].join('');
  }
}
