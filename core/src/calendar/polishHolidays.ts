import { addDays, yearOf } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';

/**
 * Polish public holidays: the days off work of the Act of 18 January 1951 on days off work
 * (ustawa o dniach wolnych od pracy) as amended, plus the one-off day off of 12 November 2018.
 * Sundays are days off under the same Act; they are weekends here, not holidays.
 */

/**
 * The years the calendar answers for. From 1990 the list below is the whole law: that year
 * restored 3 May and abolished 22 July. The upper bound is a choice: the computus is right for
 * any Gregorian year, but a law written today says nothing credible about 2201, and a bound
 * turns a mistyped year (20251) into a clear refusal instead of a silent answer.
 */
export const SUPPORTED_YEARS = { from: 1990, to: 2200 } as const;

export type PolishHolidayKey =
  | 'newYear'
  | 'epiphany'
  | 'easterSunday'
  | 'easterMonday'
  | 'labourDay'
  | 'constitutionDay'
  | 'pentecost'
  | 'corpusChristi'
  | 'assumption'
  | 'allSaints'
  | 'independenceDay'
  | 'independenceCentenary'
  | 'christmasEve'
  | 'christmasDay'
  | 'secondDayOfChristmas';

export interface PolishHoliday {
  /** YYYY-MM-DD. */
  date: string;
  key: PolishHolidayKey;
  namePl: string;
  nameEn: string;
}

interface HolidayRule {
  key: PolishHolidayKey;
  pl: string;
  en: string;
  /** MM-DD for a fixed day, or days after Easter Sunday for a movable one. */
  on: string | number;
  /** The first and last years the holiday exists, when the law limits them. */
  from?: number;
  to?: number;
}

const RULES: readonly HolidayRule[] = [
  { key: 'newYear', pl: 'Nowy Rok', en: "New Year's Day", on: '01-01' },
  // Added by the amendment of 24 September 2010.
  { key: 'epiphany', pl: 'Święto Trzech Króli', en: 'Epiphany', on: '01-06', from: 2011 },
  { key: 'easterSunday', pl: 'Pierwszy dzień Wielkiej Nocy', en: 'Easter Sunday', on: 0 },
  { key: 'easterMonday', pl: 'Drugi dzień Wielkiej Nocy', en: 'Easter Monday', on: 1 },
  // The Act calls it "Święto Państwowe"; everyone calls it Święto Pracy.
  { key: 'labourDay', pl: 'Święto Pracy', en: 'Labour Day', on: '05-01' },
  {
    key: 'constitutionDay',
    pl: 'Święto Narodowe Trzeciego Maja',
    en: 'Constitution Day',
    on: '05-03',
  },
  { key: 'pentecost', pl: 'Pierwszy dzień Zielonych Świątek', en: 'Pentecost Sunday', on: 49 },
  { key: 'corpusChristi', pl: 'Boże Ciało', en: 'Corpus Christi', on: 60 },
  {
    key: 'assumption',
    pl: 'Wniebowzięcie Najświętszej Maryi Panny',
    en: 'Assumption of Mary',
    on: '08-15',
  },
  { key: 'allSaints', pl: 'Wszystkich Świętych', en: "All Saints' Day", on: '11-01' },
  {
    key: 'independenceDay',
    pl: 'Narodowe Święto Niepodległości',
    en: 'Independence Day',
    on: '11-11',
  },
  // A separate Act of 15 October 2018 made this one day a day off, for the centenary.
  {
    key: 'independenceCentenary',
    pl: 'Dzień wolny w 100. rocznicę odzyskania niepodległości',
    en: 'Independence centenary day off',
    on: '11-12',
    from: 2018,
    to: 2018,
  },
  // Added by the amendment of December 2024, a day off from 2025 on.
  {
    key: 'christmasEve',
    pl: 'Wigilia Bożego Narodzenia',
    en: 'Christmas Eve',
    on: '12-24',
    from: 2025,
  },
  { key: 'christmasDay', pl: 'Pierwszy dzień Bożego Narodzenia', en: 'Christmas Day', on: '12-25' },
  {
    key: 'secondDayOfChristmas',
    pl: 'Drugi dzień Bożego Narodzenia',
    en: 'Second Day of Christmas',
    on: '12-26',
  },
];

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to) {
    throw new CalendarError(
      'calendar_year_unsupported',
      `The calendar knows Polish holidays from ${SUPPORTED_YEARS.from} to ${SUPPORTED_YEARS.to}, ` +
        `not in ${year}`,
    );
  }
}

/**
 * Easter Sunday of a year, by the anonymous Gregorian algorithm (Meeus, Jones, Butcher): the
 * Western Easter that Polish law follows.
 */
export function easterSunday(year: number): string {
  assertSupportedYear(year);
  const a = year % 19; // the year's place in the 19-year lunar cycle
  const [b, c] = [Math.floor(year / 100), year % 100];
  const [d, e] = [Math.floor(b / 4), b % 4];
  const g = Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30; // the Paschal full moon, in days after 21 March
  const l = (32 + 2 * e + 2 * Math.floor(c / 4) - h - (c % 4)) % 7; // then on to a Sunday
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const byYear = new Map<number, readonly PolishHoliday[]>();
const byDay = new Map<string, PolishHoliday>();

/** The holidays of a year in date order, with their Polish and English names. */
export function polishHolidays(year: number): readonly PolishHoliday[] {
  const known = byYear.get(year);
  if (known) return known;

  const easter = easterSunday(year);
  const holidays = RULES.filter((rule) => (rule.from ?? year) <= year && year <= (rule.to ?? year))
    .map((rule) => ({
      date: typeof rule.on === 'string' ? `${year}-${rule.on}` : addDays(easter, rule.on),
      key: rule.key,
      namePl: rule.pl,
      nameEn: rule.en,
    }))
    .sort((x, y) => (x.date < y.date ? -1 : 1));

  Object.freeze(holidays);
  for (const holiday of holidays) byDay.set(holiday.date, Object.freeze(holiday));
  byYear.set(year, holidays);
  return holidays;
}

/** The holiday on a day (YYYY-MM-DD), or undefined on an ordinary day. */
export function polishHolidayOn(day: string): PolishHoliday | undefined {
  polishHolidays(yearOf(day));
  return byDay.get(day);
}
