import { dayNumber, dayOfNumber, MS_PER_DAY } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';

/**
 * Wall clocks of IANA time zones. The one question asked of the time zone data is the UTC
 * offset in force at an instant, which `Intl.DateTimeFormat` answers from the ICU data that
 * ships with Node; the rest is arithmetic. That is why there is no dependency: Node 20 has no
 * Temporal, `@js-temporal/polyfill` is still 0.x and large for one question, and date-fns-tz
 * would bring date-fns along for the same `Intl` call.
 *
 * A rule the whole calendar keeps: a time of day on a day means the first instant at which the
 * zone's clocks show that time or later on that day. At the spring change in Poland (02:00 →
 * 03:00 on the last Sunday of March) 02:30 does not exist and means 03:00 CEST, the instant
 * the clocks jump; at the autumn change (03:00 → 02:00 on the last Sunday of October) 02:30
 * happens twice and means the first, CEST one.
 *
 * Assumed: a zone changes its offset at most once within two days. Poland changes twice a
 * year; a zone that broke the assumption would get wrong answers around its changes, silently.
 */

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new CalendarError('calendar_time_zone_unknown', `"${timeZone}" is not a time zone`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Refuses a name that is not an IANA time zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterOf(timeZone);
}

const offsets = new Map<string, number>();
/** Answers kept at most; a collection run asks about the same few instants thousands of times. */
const OFFSETS_KEPT = 4096;

/** The zone's UTC offset at an instant, in milliseconds (+3 600 000 for CET). */
function offsetAt(timeZone: string, instant: number): number {
  const key = `${timeZone}@${Math.floor(instant / 1000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, (offset = zoneOffsetAt(timeZone, instant)));
  }
  return offset;
}

/** `offsetAt` asked of the time zone data: formatting is what costs. */
function zoneOffsetAt(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

export interface WallClock {
  /** The local day, YYYY-MM-DD. */
  day: string;
  /** Milliseconds since the local midnight as the clocks show it. */
  time: number;
}

export function wallClockAt(timeZone: string, instant: Date): WallClock {
  const local = instant.getTime() + offsetAt(timeZone, instant.getTime());
  const number = Math.floor(local / MS_PER_DAY);
  return { day: dayOfNumber(number), time: local - number * MS_PER_DAY };
}

/** The instants, earliest first, at which the clocks show exactly `time` on `day`: 0, 1 or 2. */
export function instantsShowing(timeZone: string, day: string, time: number): number[] {
  const local = dayNumber(day) * MS_PER_DAY + time;
  const offsets = new Set([
    offsetAt(timeZone, local - MS_PER_DAY),
    offsetAt(timeZone, local),
    offsetAt(timeZone, local + MS_PER_DAY),
  ]);
  return [...offsets]
    .map((offset) => local - offset)
    .filter((instant) => offsetAt(timeZone, instant) === local - instant)
    .sort((x, y) => x - y);
}

/** The instant the zone's offset changes within [from, to), if it does. */
function clockChangeBetween(timeZone: string, from: number, to: number): number | undefined {
  const before = offsetAt(timeZone, from);
  if (offsetAt(timeZone, to) === before) return undefined;
  let [low, high] = [from, to];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The clock change whose instant falls on `day` by the zone's clocks, if there is one. */
export function clockChangeOn(timeZone: string, day: string): number | undefined {
  const midnight = dayNumber(day) * MS_PER_DAY;
  // Offsets lie within −12 h and +14 h, so every instant of the local day is in this span.
  const change = clockChangeBetween(timeZone, midnight - 15 * HOUR, midnight + 37 * HOUR);
  if (change === undefined || wallClockAt(timeZone, new Date(change)).day !== day) return undefined;
  return change;
}

/** The first instant at which the clocks show `time` or later on `day` (see the rule above). */
export function firstInstantAtOrAfter(timeZone: string, day: string, time: number): Date {
  const [first] = instantsShowing(timeZone, day, time);
  if (first !== undefined) return new Date(first);
  // `time` falls in a gap, which the clocks jump over at the change: within 14 h of it.
  const local = dayNumber(day) * MS_PER_DAY + time;
  return new Date(clockChangeBetween(timeZone, local - 15 * HOUR, local + 15 * HOUR)!);
}
