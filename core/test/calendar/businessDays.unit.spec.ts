import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  CalendarError,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
} from '../../src/calendar/index.ts';

describe('business days', () => {
  it('are weekdays that are not holidays', () => {
    expect(isBusinessDay('2026-04-30')).toBe(true); // Thursday
    expect(isBusinessDay('2026-05-01')).toBe(false); // Friday, Labour Day
    expect(isBusinessDay('2026-05-02')).toBe(false); // Saturday
    expect(isBusinessDay('2026-05-03')).toBe(false); // Sunday, Constitution Day
    expect(isBusinessDay('2025-05-02')).toBe(true); // the Friday between, in 2025
    expect(isBusinessDay('2024-12-24')).toBe(true); // Christmas Eve, before it was a holiday
    expect(isBusinessDay('2025-12-24')).toBe(false);
  });

  it('step over the long weekend of 1–3 May', () => {
    expect(nextBusinessDay('2026-04-30')).toBe('2026-05-04');
    expect(previousBusinessDay('2026-05-04')).toBe('2026-04-30');
    // 2025: Thursday 1 May off, Friday 2 May a business day, Saturday 3 May.
    expect(nextBusinessDay('2025-04-30')).toBe('2025-05-02');
    expect(nextBusinessDay('2025-05-02')).toBe('2025-05-05');
  });

  it('step over Christmas 2025, five days off in a row', () => {
    expect(nextBusinessDay('2025-12-23')).toBe('2025-12-29');
    expect(previousBusinessDay('2025-12-29')).toBe('2025-12-23');
    expect(nextBusinessDay('2025-12-31')).toBe('2026-01-02');
  });

  it('add N business days as a deadline counts them', () => {
    expect(addBusinessDays('2026-04-29', 3)).toBe('2026-05-05'); // 30 Apr, 4 May, 5 May
    expect(addBusinessDays('2026-05-05', -3)).toBe('2026-04-29');
    expect(addBusinessDays('2026-05-02', 1)).toBe('2026-05-04'); // from a Saturday
    expect(addBusinessDays('2026-05-02', 0)).toBe('2026-05-02');
    expect(addBusinessDays('2025-12-22', 5)).toBe('2026-01-02'); // 23, 29, 30, 31 Dec, 2 Jan
  });

  it('count across the turn of a year, through Epiphany', () => {
    expect(addBusinessDays('2025-12-31', 2)).toBe('2026-01-05');
    expect(addBusinessDays('2025-12-31', 3)).toBe('2026-01-07'); // Tuesday 6 Jan is Epiphany
  });

  it('refuse a count that is not a whole number of days', () => {
    expect(() => addBusinessDays('2026-05-04', Infinity)).toThrow(CalendarError);
    expect(() => addBusinessDays('2026-05-04', 1.5)).toThrow(CalendarError);
    expect(() => addBusinessDays('2026-5-4', 0)).toThrow(CalendarError);
  });
});
