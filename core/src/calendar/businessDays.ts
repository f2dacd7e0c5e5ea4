import { addDays, dayNumber, weekdayOf } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';
import { polishHolidayOn } from './polishHolidays.ts';

/**
 * Polish business days: Monday to Friday, except public holidays. Saturday is not a day off by
 * law, but it is not a business day for banks or for deadlines (Civil Code, art. 115), so it
 * counts as weekend here. Days are YYYY-MM-DD; the years are those of `SUPPORTED_YEARS`.
 *
 * Not modelled: the day off an employer must give for a holiday falling on a Saturday (Labour
 * Code, art. 130 § 2). Each employer picks that day, so no calendar can know it.
 */

export function isBusinessDay(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 'sat' && weekday !== 'sun' && polishHolidayOn(day) === undefined;
}

/** The first business day after `day`. */
export function nextBusinessDay(day: string): string {
  return addBusinessDays(day, 1);
}

/** The last business day before `day`. */
export function previousBusinessDay(day: string): string {
  return addBusinessDays(day, -1);
}

/**
 * The day `count` business days after `day` (before it when negative), counting as a deadline
 * "within N business days" does: from a Friday or a Saturday, one business day on is Monday.
 * Zero gives `day` itself, business day or not.
 */
export function addBusinessDays(day: string, count: number): string {
  dayNumber(day);
  if (!Number.isSafeInteger(count)) {
    throw new CalendarError('calendar_count_invalid', `${count} is not a whole number of days`);
  }
  const step = Math.sign(count);
  let [current, left] = [day, Math.abs(count)];
  while (left > 0) {
    current = addDays(current, step);
    if (isBusinessDay(current)) left -= 1;
  }
  return current;
}
