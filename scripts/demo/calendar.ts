/**
 * Days as integers (days since 1970-01-01, UTC), so the generator adds terms and delays with
 * plain arithmetic and formats only at the edge. Written by hand instead of through `Date`:
 * formatting is on the hot path (three dates per invoice) and needs no time zone at all.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a YYYY-MM-DD date; throws on anything that is not a real calendar day. */
export function isoToDay(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${iso}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = dayOf(year, month, day);
  const back = civil(result);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`No such day: ${iso}`);
  }
  return result;
}

/** The day number of a calendar date (proleptic Gregorian). */
function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of a day number. */
export function civil(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday). */
function weekday(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  return weekday(dayNumber) >= 5;
}

/** The last Monday-to-Friday day of the day's month: when monthly invoices are issued. */
export function lastWorkdayOfMonth(dayNumber: number): number {
  const { year, month } = civil(dayNumber);
  let last = dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  while (isWeekend(last)) last--;
  return last;
}

/** The day itself, or the Monday after it when it falls on a weekend: when a transfer books. */
export function nextWorkday(dayNumber: number): number {
  const day = weekday(dayNumber);
  return day === 5 ? dayNumber + 2 : day === 6 ? dayNumber + 1 : dayNumber;
}

/**
 * Formats day numbers, remembering the ones it has formatted: a ledger's days fall in a window
 * of a few hundred, and each is formatted thousands of times.
 */
export class DayFormat {
  private readonly cache = new Map<number, string>();

  constructor(private readonly style: 'iso' | 'pl') {}

  format(dayNumber: number): string {
    let text = this.cache.get(dayNumber);
    if (text === undefined) {
      const { year, month, day } = civil(dayNumber);
      const mm = two(month);
      const dd = two(day);
      text = this.style === 'iso' ? `${year}-${mm}-${dd}` : `${dd}.${mm}.${year}`;
      // The window is bounded, but a caller formatting any day at all must not grow it forever.
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(dayNumber, text);
    }
    return text;
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
