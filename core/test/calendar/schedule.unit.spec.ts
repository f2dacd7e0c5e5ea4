import { describe, expect, it } from 'vitest';
import {
  nextOccurrence,
  validateSchedule,
  type Schedule,
  type SendingWindow,
} from '../../src/calendar/index.ts';
import { ValidationError } from '../../src/errors.ts';

/** Instants are written in Warsaw time with its offset: +01:00 in winter, +02:00 in summer. */
const iso = (text: string) => new Date(text).toISOString();
const WARSAW = 'Europe/Warsaw';
const next = (schedule: Schedule, after: string, window?: SendingWindow) =>
  nextOccurrence(schedule, new Date(after), WARSAW, window).toISOString();

const mondays: Schedule = { every: 'week', on: ['mon'], at: '09:00' };

describe('weekly on Monday at 9:00', () => {
  it('comes on Monday morning, asked on Sunday evening', () => {
    expect(next(mondays, '2026-03-01T20:00:00+01:00')).toBe(iso('2026-03-02T09:00:00+01:00'));
  });

  it('comes a week later, asked at 9:00 or after on Monday', () => {
    expect(next(mondays, '2026-03-02T09:01:00+01:00')).toBe(iso('2026-03-09T09:00:00+01:00'));
    // Strictly after: the occurrence fed back gives the following one.
    expect(next(mondays, '2026-03-02T09:00:00+01:00')).toBe(iso('2026-03-09T09:00:00+01:00'));
    expect(next(mondays, '2026-03-02T08:59:59+01:00')).toBe(iso('2026-03-02T09:00:00+01:00'));
  });

  it('keeps 9:00 on the clocks across the spring change', () => {
    expect(next(mondays, '2026-03-23T10:00:00+01:00')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('on Easter Monday moves to the window’s opening on Tuesday, not to 9:00', () => {
    const window: SendingWindow = {};
    expect(next(mondays, '2026-04-05T20:00:00+02:00', window)).toBe(
      iso('2026-04-07T08:00:00+02:00'),
    );
    // Without a window a weekly schedule skips nothing.
    expect(next(mondays, '2026-04-05T20:00:00+02:00')).toBe(iso('2026-04-06T09:00:00+02:00'));
  });

  it('can name several weekdays', () => {
    const twice: Schedule = { every: 'week', on: ['thu', 'mon'], at: '09:00' };
    expect(next(twice, '2026-03-02T10:00:00+01:00')).toBe(iso('2026-03-05T09:00:00+01:00'));
    expect(next(twice, '2026-03-05T10:00:00+01:00')).toBe(iso('2026-03-09T09:00:00+01:00'));
  });
});

describe('every business day at 10:00', () => {
  const daily: Schedule = { every: 'businessDay', at: '10:00' };

  it('skips the long weekend of 1–3 May by itself', () => {
    expect(next(daily, '2026-04-30T12:00:00+02:00')).toBe(iso('2026-05-04T10:00:00+02:00'));
  });

  it('comes the same day when asked before 10:00', () => {
    expect(next(daily, '2026-04-30T07:00:00+02:00')).toBe(iso('2026-04-30T10:00:00+02:00'));
  });
});

describe('every day, within a window', () => {
  const daily: Schedule = { every: 'day', at: '10:00' };

  it('merges the weekend’s occurrences into Monday’s opening, then keeps its time', () => {
    const window: SendingWindow = {};
    const friday = next(daily, '2026-03-06T09:00:00+01:00', window);
    expect(friday).toBe(iso('2026-03-06T10:00:00+01:00'));
    const monday = next(daily, friday, window);
    expect(monday).toBe(iso('2026-03-09T08:00:00+01:00'));
    expect(next(daily, monday, window)).toBe(iso('2026-03-09T10:00:00+01:00'));
  });

  it('moves an occurrence after the window closes to the next opening', () => {
    const evening: Schedule = { every: 'day', at: '20:00' };
    expect(next(evening, '2026-03-04T12:00:00+01:00', {})).toBe(iso('2026-03-05T08:00:00+01:00'));
  });

  it('at a time the clocks skip, comes when they jump', () => {
    const night: Schedule = { every: 'day', at: '02:30' };
    expect(next(night, '2026-03-28T12:00:00+01:00')).toBe(iso('2026-03-29T03:00:00+02:00'));
    expect(next(night, '2026-10-24T12:00:00+02:00')).toBe(iso('2026-10-25T02:30:00+02:00'));
    expect(next(night, '2026-10-25T02:30:00+02:00')).toBe(iso('2026-10-26T02:30:00+01:00'));
  });
});

describe('monthly', () => {
  it('on the 1st at 9:00, moved off New Year’s Day by the window', () => {
    const first: Schedule = { every: 'month', day: 1, at: '09:00' };
    expect(next(first, '2026-03-15T12:00:00+01:00')).toBe(iso('2026-04-01T09:00:00+02:00'));
    expect(next(first, '2025-12-15T12:00:00+01:00', {})).toBe(iso('2026-01-02T08:00:00+01:00'));
  });

  it('on the 31st, on the last day of shorter months', () => {
    const last: Schedule = { every: 'month', day: 31, at: '09:00' };
    expect(next(last, '2026-01-31T12:00:00+01:00')).toBe(iso('2026-02-28T09:00:00+01:00'));
    expect(next(last, '2028-01-31T12:00:00+01:00')).toBe(iso('2028-02-29T09:00:00+01:00'));
    expect(next(last, '2026-04-01T12:00:00+02:00')).toBe(iso('2026-04-30T09:00:00+02:00'));
  });
});

describe('validating a schedule', () => {
  const problems = (document: unknown) => {
    try {
      validateSchedule(document, '/body/schedule');
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.errors;
    }
  };

  it('accepts the documented shapes', () => {
    for (const schedule of [
      { every: 'week', on: ['mon'], at: '09:00' },
      { every: 'businessDay', at: '10:00' },
      { every: 'month', day: 1, at: '09:00' },
      { every: 'day', at: '23:59' },
    ]) {
      expect(validateSchedule(schedule, '/body/schedule')).toEqual(schedule);
    }
  });

  it('asks for the weekdays of a weekly schedule, and only of one', () => {
    expect(problems({ every: 'week', at: '09:00' })).toEqual([
      { pointer: '/body/schedule/on', message: 'is required' },
    ]);
    expect(problems({ every: 'day', on: ['mon'], at: '09:00' })).toEqual([
      { pointer: '/body/schedule/on', message: 'is not allowed' },
    ]);
  });

  it('refuses days of the month that no month has, and times that no clock shows', () => {
    expect(problems({ every: 'month', day: 32, at: '24:00' }).map((p) => p.pointer)).toEqual([
      '/body/schedule/at',
      '/body/schedule/day',
    ]);
    expect(problems({ every: 'year', at: '09:00' })[0]?.pointer).toBe('/body/schedule/every');
  });
});
