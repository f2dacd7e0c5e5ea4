import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  DEFAULT_SENDING_WINDOW,
  isInSendingWindow,
  nextInSendingWindow,
  validateSendingWindow,
  type SendingWindow,
} from '../../src/calendar/index.ts';
import { ValidationError } from '../../src/errors.ts';

/** Instants are written in Warsaw time with its offset: +01:00 in winter, +02:00 in summer. */
const at = (text: string) => new Date(text);
const next = (window: SendingWindow, from: string) =>
  nextInSendingWindow(window, at(from)).toISOString();
const iso = (text: string) => at(text).toISOString();

const everyDay: SendingWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] };

describe('a sending window', () => {
  it('is business hours in Warsaw when nothing is set', () => {
    expect(DEFAULT_SENDING_WINDOW).toMatchObject({ from: '08:00', to: '18:00' });
    expect(isInSendingWindow({}, at('2026-03-04T08:00:00+01:00'))).toBe(true);
    expect(isInSendingWindow({}, at('2026-03-04T17:59:59.999+01:00'))).toBe(true);
    expect(isInSendingWindow({}, at('2026-03-04T18:00:00+01:00'))).toBe(false);
    expect(isInSendingWindow({}, at('2026-03-04T07:59:59+01:00'))).toBe(false);
    expect(isInSendingWindow({}, at('2026-03-07T10:00:00+01:00'))).toBe(false); // Saturday
  });

  it('gives back an instant inside it unchanged, and otherwise its next opening', () => {
    const inside = at('2026-03-04T10:15:00+01:00');
    expect(nextInSendingWindow({}, inside)).toBe(inside);
    expect(next({}, '2026-03-04T06:00:00+01:00')).toBe(iso('2026-03-04T08:00:00+01:00'));
    expect(next({}, '2026-03-04T18:00:00+01:00')).toBe(iso('2026-03-05T08:00:00+01:00'));
    expect(next({}, '2026-03-06T19:00:00+01:00')).toBe(iso('2026-03-09T08:00:00+01:00'));
  });

  it('keeps to its own time zone', () => {
    const newYork: SendingWindow = { from: '09:00', to: '17:00', timeZone: 'America/New_York' };
    expect(isInSendingWindow(newYork, at('2026-03-04T16:00:00+01:00'))).toBe(true); // 10:00 EST
    expect(next(newYork, '2026-03-04T08:00:00+01:00')).toBe('2026-03-04T14:00:00.000Z');
  });

  it('skips Christmas Eve 2025 and the Christmas days after it', () => {
    expect(next({}, '2025-12-23T18:00:00+01:00')).toBe(iso('2025-12-29T08:00:00+01:00'));
    expect(isInSendingWindow({}, at('2025-12-24T10:00:00+01:00'))).toBe(false);
    expect(isInSendingWindow({}, at('2024-12-24T10:00:00+01:00'))).toBe(true);
  });

  it('skips Easter Monday, unless holidays are switched off', () => {
    expect(next({}, '2026-04-03T18:00:00+02:00')).toBe(iso('2026-04-07T08:00:00+02:00'));
    expect(next({ skipHolidays: false }, '2026-04-03T18:00:00+02:00')).toBe(
      iso('2026-04-06T08:00:00+02:00'),
    );
  });

  it('opens at the same wall-clock time across the spring change', () => {
    // Friday 27 March 2026 in CET, Monday 30 March in CEST: 07:00 UTC, then 06:00 UTC.
    expect(next({}, '2026-03-27T07:00:00+01:00')).toBe('2026-03-27T07:00:00.000Z');
    expect(next({}, '2026-03-27T18:00:00+01:00')).toBe('2026-03-30T06:00:00.000Z');
  });

  it('opens at the same wall-clock time across the autumn change', () => {
    expect(next({}, '2026-10-23T18:00:00+02:00')).toBe('2026-10-26T07:00:00.000Z');
    expect(isInSendingWindow({}, at('2026-10-26T07:59:00+01:00'))).toBe(false);
  });

  it('opens when the clocks jump, when its opening time does not exist that day', () => {
    // Sunday 29 March 2026: at 02:00 CET the clocks show 03:00 CEST; 02:30 never happens.
    const early: SendingWindow = { ...everyDay, from: '02:30', to: '05:00' };
    expect(next(early, '2026-03-29T00:00:00+01:00')).toBe(iso('2026-03-29T03:00:00+02:00'));
    expect(isInSendingWindow(early, at('2026-03-29T01:59:59+01:00'))).toBe(false);
    expect(isInSendingWindow(early, at('2026-03-29T03:00:00+02:00'))).toBe(true);
    // The days around it open at 02:30 as usual.
    expect(next(early, '2026-03-28T00:00:00+01:00')).toBe(iso('2026-03-28T02:30:00+01:00'));
    expect(next(early, '2026-03-29T06:00:00+02:00')).toBe(iso('2026-03-30T02:30:00+02:00'));
  });

  it('does not open at all on a day whose whole window the clocks skip', () => {
    const skipped: SendingWindow = { ...everyDay, from: '02:10', to: '02:50' };
    expect(next(skipped, '2026-03-29T00:00:00+01:00')).toBe(iso('2026-03-30T02:10:00+02:00'));
  });

  it('is open during both passes of the hour the clocks repeat in autumn', () => {
    // Sunday 25 October 2026: at 03:00 CEST the clocks go back to 02:00 CET.
    const repeated: SendingWindow = { ...everyDay, from: '02:00', to: '02:30' };
    expect(next(repeated, '2026-10-25T00:00:00+02:00')).toBe(iso('2026-10-25T02:00:00+02:00'));
    expect(next(repeated, '2026-10-25T02:45:00+02:00')).toBe(iso('2026-10-25T02:00:00+01:00'));
    expect(isInSendingWindow(repeated, at('2026-10-25T02:15:00+01:00'))).toBe(true);
    expect(next(repeated, '2026-10-25T02:30:00+01:00')).toBe(iso('2026-10-26T02:00:00+01:00'));

    // Opening before the repeated hour, it reopens when the clocks go back into it.
    const night: SendingWindow = { ...everyDay, from: '01:00', to: '02:30' };
    expect(next(night, '2026-10-25T02:45:00+02:00')).toBe(iso('2026-10-25T02:00:00+01:00'));
  });

  it('refuses a window that never opens or names no real time zone', () => {
    expect(() =>
      isInSendingWindow({ from: '18:00', to: '08:00' }, at('2026-03-04T10:00:00+01:00')),
    ).toThrow(CalendarError);
    expect(() =>
      nextInSendingWindow({ timeZone: 'Europe/Atlantis' }, at('2026-03-04T10:00:00+01:00')),
    ).toThrow(/not a time zone/);
  });
});

describe('validating a sending window', () => {
  const problems = (document: unknown) => {
    try {
      validateSendingWindow(document, '/body/window');
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.errors;
    }
  };

  it('accepts the documented shape and a window until midnight', () => {
    const window = { days: ['sat'], from: '09:00', to: '24:00', timeZone: 'Europe/Warsaw' };
    expect(validateSendingWindow(window, '/body/window')).toEqual(window);
    expect(validateSendingWindow({}, '/body/window')).toEqual({});
  });

  it('addresses each problem by its pointer', () => {
    expect(problems({ from: '18:00', to: '08:00' })).toEqual([
      { pointer: '/body/window/to', message: 'must be later than from (18:00)' },
    ]);
    expect(problems({ timeZone: 'CET+1' })).toEqual([
      { pointer: '/body/window/timeZone', message: '"CET+1" is not a time zone' },
    ]);
    expect(problems({ days: [], skipHolidays: 'yes', hours: 8 }).map((p) => p.pointer)).toEqual([
      '/body/window/hours',
      '/body/window/days',
      '/body/window/skipHolidays',
    ]);
    expect(problems({ from: '8:00' })[0]?.pointer).toBe('/body/window/from');
  });
});
