import { CalendarError } from './calendarError.ts';

/** A time of day written HH:MM on a 24-hour clock; 24:00 only where `endOfDay` allows it. */
export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const END_TIME_PATTERN = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';

/** Milliseconds since midnight of an HH:MM time. */
export function parseTimeOfDay(text: string, endOfDay = false): number {
  if (!new RegExp(endOfDay ? END_TIME_PATTERN : TIME_OF_DAY_PATTERN).test(text)) {
    const allowed = endOfDay ? 'HH:MM from 00:00 to 24:00' : 'HH:MM from 00:00 to 23:59';
    throw new CalendarError('calendar_time_invalid', `"${text}" is not a time ${allowed}`);
  }
  return (Number(text.slice(0, 2)) * 60 + Number(text.slice(3))) * 60_000;
}
