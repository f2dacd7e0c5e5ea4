import type { JsonSchema } from '../http/jsonSchema.ts';
import { addDays, WEEKDAYS, weekdayOf, type Weekday } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';
import { calendarValidator } from './calendarValidator.ts';
import { polishHolidayOn } from './polishHolidays.ts';
import { END_TIME_PATTERN, parseTimeOfDay, TIME_OF_DAY_PATTERN } from './timeOfDay.ts';
import {
  assertTimeZone,
  clockChangeOn,
  instantsShowing,
  wallClockAt,
  type WallClock,
} from './zonedTime.ts';

/**
 * When messages may go out: on some weekdays, between two times of day on the tenant's clocks,
 * and, unless switched off, not on Polish public holidays. Every field has a default, so `{}`
 * is business hours in Warsaw.
 *
 * The times are wall-clock times: the window is open while the zone's clocks show a time in
 * [from, to). On the spring change day a window over 02:00–03:00 is an hour shorter (one that
 * opens at 02:30 opens at 03:00 CEST, when the clocks jump); on the autumn change day it is an
 * hour longer, and one over the repeated hour is open during both passes of it.
 *
 * @example
 * ```json
 * { "days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00",
 *   "timeZone": "Europe/Warsaw", "skipHolidays": true }
 * ```
 */
export interface SendingWindow {
  /** Default Monday to Friday. */
  days?: readonly Weekday[];
  /** HH:MM, default 08:00. */
  from?: string;
  /** HH:MM after `from`, up to 24:00, default 18:00. The window closes at this time. */
  to?: string;
  /** An IANA time zone, default Europe/Warsaw. */
  timeZone?: string;
  /** Default true. Holidays are always Polish ones, whatever the time zone. */
  skipHolidays?: boolean;
}

export const DEFAULT_SENDING_WINDOW: Readonly<Required<SendingWindow>> = Object.freeze({
  days: Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri'] as const),
  from: '08:00',
  to: '18:00',
  timeZone: 'Europe/Warsaw',
  skipHolidays: true,
});

/** The JSON Schema of a window; that it opens before it closes is checked after it. */
export const sendingWindowSchema: JsonSchema<SendingWindow> = {
  $id: 'monity:sending-window',
  type: 'object',
  additionalProperties: false,
  properties: {
    days: {
      type: 'array',
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      items: { enum: [...WEEKDAYS] },
    },
    from: { type: 'string', pattern: TIME_OF_DAY_PATTERN },
    to: { type: 'string', pattern: END_TIME_PATTERN },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    skipHolidays: { type: 'boolean' },
  },
};

/** Checks a window from a request or a process definition; problems address from `pointer`. */
export const validateSendingWindow = calendarValidator(
  sendingWindowSchema,
  'sending window',
  (w) => {
    try {
      resolve(w);
      return undefined;
    } catch (error) {
      if (!(error instanceof CalendarError)) throw error;
      // Past the schema, only the time zone and the order of the times can be wrong.
      const at = error.code === 'calendar_time_zone_unknown' ? '/timeZone' : '/to';
      return { at, message: error.message };
    }
  },
);

interface ResolvedWindow {
  days: ReadonlySet<Weekday>;
  from: number;
  to: number;
  timeZone: string;
  skipHolidays: boolean;
}

function resolve(window: SendingWindow): ResolvedWindow {
  const full = {
    days: window.days ?? DEFAULT_SENDING_WINDOW.days,
    from: window.from ?? DEFAULT_SENDING_WINDOW.from,
    to: window.to ?? DEFAULT_SENDING_WINDOW.to,
    timeZone: window.timeZone ?? DEFAULT_SENDING_WINDOW.timeZone,
    skipHolidays: window.skipHolidays ?? DEFAULT_SENDING_WINDOW.skipHolidays,
  };
  const [from, to] = [parseTimeOfDay(full.from), parseTimeOfDay(full.to, true)];
  if (from >= to) {
    throw new CalendarError('calendar_window_invalid', `must be later than from (${full.from})`);
  }
  if (full.days.length === 0) throw new CalendarError('calendar_window_invalid', 'has no days');
  assertTimeZone(full.timeZone);
  return { ...full, days: new Set(full.days), from, to };
}

function isOpenDay(window: ResolvedWindow, day: string): boolean {
  return window.days.has(weekdayOf(day)) && !(window.skipHolidays && polishHolidayOn(day));
}

function isOpenAt(window: ResolvedWindow, clock: WallClock): boolean {
  return isOpenDay(window, clock.day) && window.from <= clock.time && clock.time < window.to;
}

export function isInSendingWindow(window: SendingWindow, instant: Date): boolean {
  const resolved = resolve(window);
  return isOpenAt(resolved, wallClockAt(resolved.timeZone, instant));
}

/** Far enough for any window that opens at all: a year and a bit. */
const SEARCH_DAYS = 400;

/**
 * The first instant at or after `instant` that lies in the window: the instant itself when the
 * window is open, otherwise the window's next opening.
 */
export function nextInSendingWindow(window: SendingWindow, instant: Date): Date {
  const resolved = resolve(window);
  const { timeZone } = resolved;
  const openAt = (t: number) => isOpenAt(resolved, wallClockAt(timeZone, new Date(t)));
  if (openAt(instant.getTime())) return instant;

  // The window can only open when the clocks reach `from`, or when they change.
  const today = wallClockAt(timeZone, instant).day;
  for (let i = -1; i <= SEARCH_DAYS; i += 1) {
    const day = addDays(today, i);
    if (!isOpenDay(resolved, day)) continue;
    const change = clockChangeOn(timeZone, day);
    const candidates = instantsShowing(timeZone, day, resolved.from);
    if (change !== undefined) candidates.push(change);
    const opening = candidates
      .sort((x, y) => x - y)
      .find((t) => t >= instant.getTime() && openAt(t));
    if (opening !== undefined) return new Date(opening);
  }
  throw new CalendarError(
    'calendar_never_opens',
    `The sending window does not open within ${SEARCH_DAYS} days of ${instant.toISOString()}`,
  );
}
