import { describe, expect, it } from 'vitest';
import { inMinorUnits } from '../src/groups/compileCriteria.ts';

describe('an amount bound in minor units', () => {
  it('is exact for the currency and moves inward when it must be cut', () => {
    expect(inMinorUnits('100.00', 2, 'min')).toBe('10000');
    expect(inMinorUnits('100', 2, 'max')).toBe('10000');
    expect(inMinorUnits('0.1', 2, 'min')).toBe('10');
    // 99.5 yen: at least 100, at most 99.
    expect(inMinorUnits('99.5', 0, 'min')).toBe('100');
    expect(inMinorUnits('99.5', 0, 'max')).toBe('99');
    expect(inMinorUnits('1.2345', 3, 'min')).toBe('1235');
    expect(inMinorUnits('-1.005', 2, 'min')).toBe('-100');
    expect(inMinorUnits('-1.005', 2, 'max')).toBe('-101');
    expect(inMinorUnits('12.3000', 2, 'min')).toBe('1230');
  });
});
