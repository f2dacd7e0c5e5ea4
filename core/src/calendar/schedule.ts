import type { JsonSchema } from '../http/jsonSchema.ts';
import { addDays, daysInMonthOf, WEEKDAYS, weekdayOf, type Weekday } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';
import { calendarValidator } from './calendarValidator.ts';
import { isBusinessDay } from './businessDays.ts';
import { nextInSendingWindow, type SendingWindow } from './sendingWindow.ts';
import { parseTimeOfDay, TIME_OF_DAY_PATTERN } from './timeOfDay.ts';
import { assertTimeZone, firstInstantAtOrAfter, wallClockAt } from './zonedTime.ts';

/**
 * A repeating time on the tenant's clocks, for steps that run on a rhythm rather than per
 * invoice. `at` is HH:MM; `every: "businessDay"` skips weekends and Polish holidays by itself,
 * the others skip nothing unless a sending window says so. A month without the asked day (the
 * 31st in April) uses its last day. There is no "every second week": that needs an anchor day
 * the processes of issue 7 do not have yet.
 *
 * @example
 * ```json
 * { "every": "week", "on": ["mon"], "at": "09:00" }
 * { "every": "businessDay", "at": "10:00" }
 * { "every": "month", "day": 1, "at": "09:00" }
 * ```
 */
export type Schedule =
  | { every: 'day' | 'businessDay'; at: string }
  | { every: 'week'; on: Weekday[]; at: string }
  | { every: 'month'; day: number; at: string };

export const scheduleSchema: JsonSchema<Schedule> = {
  $id: 'monity:schedule',
  type: 'object',
  required: ['every', 'at'],
  additionalProperties: false,
  properties: {
    every: { enum: ['day', 'businessDay', 'week', 'month'] },
    at: { type: 'string', pattern: TIME_OF_DAY_PATTERN },
    on: {
      type: 'array',
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      items: { enum: [...WEEKDAYS] },
    },
    day: { type: 'integer', minimum: 1, maximum: 31 },
  },
  allOf: [
    {
      if: { required: ['every'], properties: { every: { const: 'week' } } },
      then: { required: ['on'] },
      else: { properties: { on: false } },
    },
    {
      if: { required: ['every'], properties: { every: { const: 'month' } } },
      then: { required: ['day'] },
      else: { properties: { day: false } },
    },
  ],
};

/** Checks a schedule from a request or a process definition; problems address from `pointer`. */
export const validateSchedule = calendarValidator(scheduleSchema, 'schedule', () => undefined);

function occursOn(schedule: Schedule, day: string): boolean {
  switch (schedule.every) {
    case 'day':
      return true;
    case 'businessDay':
      return isBusinessDay(day);
    case 'week':
      return schedule.on.includes(weekdayOf(day));
    case 'month':
      return Number(day.slice(8)) === Math.min(schedule.day, daysInMonthOf(day));
  }
}

/** A month's day comes round within 31 days, a business day within a week or so. */
const SEARCH_DAYS = 62;

/**
 * The schedule's first occurrence strictly after `after` on the clocks of `timeZone` (so the
 * returned instant fed back gives the following one), moved to the window's next opening when
 * it falls outside `window`. Occurrences that fall while the window is closed thus merge into
 * that opening and go out once: "every day at 10:00" in a Monday–Friday window gives Friday
 * 10:00, then Monday 08:00 for Saturday's and Sunday's, then Monday 10:00.
 *
 * A time the clocks skip at the spring change means the instant they jump (03:00 CEST); a time
 * they show twice in autumn means its first pass.
 */
export function nextOccurrence(
  schedule: Schedule,
  after: Date,
  timeZone: string,
  window?: SendingWindow,
): Date {
  assertTimeZone(timeZone);
  const at = parseTimeOfDay(schedule.at);
  const start = addDays(wallClockAt(timeZone, after).day, -1);
  for (let i = 0; i <= SEARCH_DAYS; i += 1) {
    const day = addDays(start, i);
    if (!occursOn(schedule, day)) continue;
    const occurrence = firstInstantAtOrAfter(timeZone, day, at);
    if (occurrence.getTime() <= after.getTime()) continue;
    return window ? nextInSendingWindow(window, occurrence) : occurrence;
  }
  throw new CalendarError(
    'calendar_schedule_invalid',
    `The schedule does not occur within ${SEARCH_DAYS} days of ${after.toISOString()}`,
  );
}
