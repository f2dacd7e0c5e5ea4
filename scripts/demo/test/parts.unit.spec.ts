import { describe, expect, it } from 'vitest';
import { formatMinor, partOf, splitInstalments } from '../amounts.ts';
import { DayFormat, isoToDay, lastWorkdayOfMonth, nextWorkday } from '../calendar.ts';
import { Random, seedOf } from '../prng.ts';

describe('calendar', () => {
  it('numbers and formats days as the UTC calendar does, from 1900 to 2100', () => {
    const iso = new DayFormat('iso');
    const polish = new DayFormat('pl');
    for (let day = -25_567; day <= 47_482; day += 17) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(iso.format(day)).toBe(expected);
      expect(isoToDay(expected)).toBe(day);
      expect(polish.format(day)).toBe(expected.split('-').reverse().join('.'));
    }
  });

  it('finds month-end working days and moves weekend transfers to Monday', () => {
    // 31 January 2026 is a Saturday; 2 March 2026 a Monday.
    expect(new DayFormat('iso').format(lastWorkdayOfMonth(isoToDay('2026-01-10')))).toBe(
      '2026-01-30',
    );
    expect(nextWorkday(isoToDay('2026-02-28'))).toBe(isoToDay('2026-03-02'));
    expect(nextWorkday(isoToDay('2026-03-03'))).toBe(isoToDay('2026-03-03'));
  });
});

describe('amounts', () => {
  it('formats minor units with two decimals and no grouping', () => {
    expect(formatMinor(123456)).toBe('1234.56');
    expect(formatMinor(5)).toBe('0.05');
    expect(formatMinor(-5000, ',')).toBe('-50,00');
    expect(formatMinor(25_000_000_00)).toBe('25000000.00');
  });

  it('splits an amount into positive instalments that sum exactly, and takes parts within it', () => {
    const random = new Random(seedOf(7));
    for (let i = 0; i < 5_000; i++) {
      const total = random.int(50_00, 250_000_00);
      const parts = splitInstalments(random, total, random.int(1, 3));
      expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
      expect(parts.every((part) => Number.isInteger(part) && part > 0)).toBe(true);
      const part = partOf(random, total, 20, 60);
      expect(part).toBeGreaterThan(0);
      expect(part).toBeLessThan(total);
    }
  });
});

describe('random streams', () => {
  it('repeat for a seed and differ between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 8 }, () => new Random(seed).uint32());
    expect(draw(seedOf(1, 2))).toEqual(draw(seedOf(1, 2)));
    const first = new Random(seedOf(1, 2));
    const second = new Random(seedOf(1, 3));
    expect([first.uint32(), first.uint32()]).not.toEqual([second.uint32(), second.uint32()]);
  });

  it('draw floats evenly over [0, 1)', () => {
    const random = new Random(seedOf(99));
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.float();
      if (x < 0 || x >= 1) outside++;
      else bins[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
