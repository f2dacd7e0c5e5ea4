import { isIsoDate } from '../ledger/values/isoDate.ts';
import { CalendarError } from './calendarError.ts';

/**
 * Calendar days as Monity writes them everywhere, YYYY-MM-DD. Arithmetic runs on day numbers
 * (days since 1970-01-01) through `Date.UTC`, which knows the Gregorian calendar and no time
 * zone, so adding a day never meets a clock change.
 */

export const MS_PER_DAY = 86_400_000;

/** ISO 8601 order: Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function dayNumber(day: string): number {
  if (!isIsoDate(day)) {
    throw new CalendarError('calendar_day_invalid', `"${day}" is not a day written YYYY-MM-DD`);
  }
  return Date.parse(day) / MS_PER_DAY; // a date-only ISO string parses as UTC midnight
}

export function dayOfNumber(number: number): string {
  return new Date(number * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  return dayOfNumber(dayNumber(day) + count);
}

export function weekdayOf(day: string): Weekday {
  // Day 0, 1970-01-01, was a Thursday.
  return WEEKDAYS[(((dayNumber(day) + 3) % 7) + 7) % 7]!;
}

export function yearOf(day: string): number {
  dayNumber(day);
  return Number(day.slice(0, 4));
}

/** How many days the month of `day` has: 28 to 31. */
export function daysInMonthOf(day: string): number {
  dayNumber(day);
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();
}
