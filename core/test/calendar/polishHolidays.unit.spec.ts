import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  easterSunday,
  polishHolidayOn,
  polishHolidays,
  SUPPORTED_YEARS,
} from '../../src/calendar/index.ts';

const datesOf = (year: number) => polishHolidays(year).map((holiday) => holiday.date);

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CalendarError ? error.code : error;
  }
  return 'accepted';
};

describe('Easter Sunday', () => {
  it('falls on the dates the church calendars give', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('is a Sunday between 22 March and 25 April in every supported year', () => {
    for (let year = SUPPORTED_YEARS.from; year <= SUPPORTED_YEARS.to; year += 1) {
      const easter = easterSunday(year);
      expect(new Date(easter).getUTCDay(), easter).toBe(0);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25', easter).toBe(true);
    }
  });

  it('is refused outside the supported years, by a coded error', () => {
    expect(refusal(() => easterSunday(2285))).toBe('calendar_year_unsupported');
    expect(refusal(() => easterSunday(1989))).toBe('calendar_year_unsupported');
    expect(refusal(() => polishHolidays(2201))).toBe('calendar_year_unsupported');
    expect(refusal(() => polishHolidayOn('2285-03-22'))).toBe('calendar_year_unsupported');
    expect(refusal(() => polishHolidays(2025.5))).toBe('calendar_year_unsupported');
  });
});

describe('Polish public holidays', () => {
  it('has no Epiphany before 2011', () => {
    expect(datesOf(2010)).toEqual([
      '2010-01-01',
      '2010-04-04',
      '2010-04-05',
      '2010-05-01',
      '2010-05-03',
      '2010-05-23',
      '2010-06-03',
      '2010-08-15',
      '2010-11-01',
      '2010-11-11',
      '2010-12-25',
      '2010-12-26',
    ]);
  });

  it('has Epiphany from 2011', () => {
    expect(datesOf(2011)).toEqual([
      '2011-01-01',
      '2011-01-06',
      '2011-04-24',
      '2011-04-25',
      '2011-05-01',
      '2011-05-03',
      '2011-06-12',
      '2011-06-23',
      '2011-08-15',
      '2011-11-01',
      '2011-11-11',
      '2011-12-25',
      '2011-12-26',
    ]);
  });

  it('names each holiday of 2024 in Polish and English, without Christmas Eve', () => {
    expect(polishHolidays(2024).map(({ date, namePl, nameEn }) => [date, namePl, nameEn])).toEqual([
      ['2024-01-01', 'Nowy Rok', "New Year's Day"],
      ['2024-01-06', 'Święto Trzech Króli', 'Epiphany'],
      ['2024-03-31', 'Pierwszy dzień Wielkiej Nocy', 'Easter Sunday'],
      ['2024-04-01', 'Drugi dzień Wielkiej Nocy', 'Easter Monday'],
      ['2024-05-01', 'Święto Pracy', 'Labour Day'],
      ['2024-05-03', 'Święto Narodowe Trzeciego Maja', 'Constitution Day'],
      ['2024-05-19', 'Pierwszy dzień Zielonych Świątek', 'Pentecost Sunday'],
      ['2024-05-30', 'Boże Ciało', 'Corpus Christi'],
      ['2024-08-15', 'Wniebowzięcie Najświętszej Maryi Panny', 'Assumption of Mary'],
      ['2024-11-01', 'Wszystkich Świętych', "All Saints' Day"],
      ['2024-11-11', 'Narodowe Święto Niepodległości', 'Independence Day'],
      ['2024-12-25', 'Pierwszy dzień Bożego Narodzenia', 'Christmas Day'],
      ['2024-12-26', 'Drugi dzień Bożego Narodzenia', 'Second Day of Christmas'],
    ]);
  });

  it('has Christmas Eve from 2025', () => {
    expect(polishHolidays(2025).map(({ date, key }) => [date, key])).toEqual([
      ['2025-01-01', 'newYear'],
      ['2025-01-06', 'epiphany'],
      ['2025-04-20', 'easterSunday'],
      ['2025-04-21', 'easterMonday'],
      ['2025-05-01', 'labourDay'],
      ['2025-05-03', 'constitutionDay'],
      ['2025-06-08', 'pentecost'],
      ['2025-06-19', 'corpusChristi'],
      ['2025-08-15', 'assumption'],
      ['2025-11-01', 'allSaints'],
      ['2025-11-11', 'independenceDay'],
      ['2025-12-24', 'christmasEve'],
      ['2025-12-25', 'christmasDay'],
      ['2025-12-26', 'secondDayOfChristmas'],
    ]);
  });

  it('moves the Easter holidays with Easter in 2026', () => {
    expect(datesOf(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-03',
      '2026-05-24',
      '2026-06-04',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('has the one-off day off of 12 November 2018, and only in 2018', () => {
    expect(polishHolidayOn('2018-11-12')?.key).toBe('independenceCentenary');
    expect(polishHolidayOn('2019-11-12')).toBeUndefined();
    expect(datesOf(2018)).toHaveLength(14);
  });

  it('answers for one day, and refuses what is not a day', () => {
    expect(polishHolidayOn('2025-12-24')?.nameEn).toBe('Christmas Eve');
    expect(polishHolidayOn('2024-12-24')).toBeUndefined();
    expect(polishHolidayOn('2026-06-04')?.namePl).toBe('Boże Ciało');
    expect(refusal(() => polishHolidayOn('2026-02-30'))).toBe('calendar_day_invalid');
    expect(refusal(() => polishHolidayOn('4.06.2026'))).toBe('calendar_day_invalid');
  });

  it('gives the same frozen list on every call, so no caller can change another caller’s', () => {
    expect(polishHolidays(2026)).toBe(polishHolidays(2026));
    expect(Object.isFrozen(polishHolidays(2026))).toBe(true);
    expect(Object.isFrozen(polishHolidays(2026)[0])).toBe(true);
  });
});
