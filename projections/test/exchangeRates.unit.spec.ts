import { describe, expect, it } from 'vitest';
import { toPlnMinor } from '../src/index.ts';

describe('converting to PLN grosze', () => {
  it('multiplies minor units by the rate of one unit, exactly', () => {
    // 123.45 EUR × 4.2345 = 522.749025 PLN
    expect(toPlnMinor(12_345, 'EUR', '4.2345')).toBe(52_275);
    // 1 000 JPY (yen have no minor unit) × 0.023456 = 23.456 PLN
    expect(toPlnMinor(1_000, 'JPY', '0.023456')).toBe(2_346);
    // 1.000 KWD (three decimals) × 12.5 = 12.50 PLN; 0.001 KWD × 12.3456 = 1.23456 gr
    expect(toPlnMinor(1_000, 'KWD', '12.5')).toBe(1_250);
    expect(toPlnMinor(1, 'KWD', '12.3456')).toBe(1);
    // 1 000 000 IDR × 0.00022345 = 223.45 PLN
    expect(toPlnMinor(1_000_000, 'IDR', '0.00022345')).toBe(22_345);
  });

  it('rounds half away from zero, for credits as for debts', () => {
    // 0.04 EUR × 0.125 = 0.5 gr
    expect(toPlnMinor(4, 'EUR', '0.125')).toBe(1);
    expect(toPlnMinor(-4, 'EUR', '0.125')).toBe(-1);
    expect(toPlnMinor(3, 'EUR', '0.125')).toBe(0);
    // 1.00 USD × 1.005 = 100.5 gr; in floating point 100 × 1.005 is 100.49999999999999.
    expect(toPlnMinor(100, 'USD', '1.005')).toBe(101);
    expect(toPlnMinor(-100, 'USD', '1.005')).toBe(-101);
  });

  it('converts PLN to itself, and refuses what it cannot convert exactly', () => {
    expect(toPlnMinor(12_345, 'PLN', '4.2345')).toBe(12_345);
    expect(() => toPlnMinor(1.5, 'EUR', '4.2345')).toThrow(RangeError);
    expect(() => toPlnMinor(12, 'EUR', '4,2345')).toThrow(RangeError);
    expect(() => toPlnMinor(Number.MAX_SAFE_INTEGER, 'EUR', '4.2345')).toThrow(RangeError);
  });
});
