import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  effectiveDueDate,
  stepDue,
  validateStepTiming,
  type StepTiming,
} from '../../src/calendar/index.ts';
import { ValidationError } from '../../src/errors.ts';

/** Instants are written in Warsaw time with its offset: +01:00 in winter, +02:00 in summer. */
const at = (text: string) => new Date(text);
const due = (timing: StepTiming, dueDate: string) => {
  const { day, sendAt } = stepDue(timing, { dueDate });
  return { day, sendAt: sendAt.toISOString() };
};
const iso = (text: string) => at(text).toISOString();

describe('the effective due date', () => {
  it('moves off a weekend or a holiday to the next business day (Civil Code, art. 115)', () => {
    expect(effectiveDueDate('2026-03-07')).toBe('2026-03-09'); // Saturday → Monday
    expect(effectiveDueDate('2026-03-06')).toBe('2026-03-06');
    expect(effectiveDueDate('2025-12-24')).toBe('2025-12-29'); // Christmas Eve → Monday
  });
});

describe('a step timed from the due date', () => {
  it('after a due date on a Saturday, counts the days of delay from the Monday', () => {
    expect(due({ from: 'dueDate', days: 3 }, '2026-03-07')).toEqual({
      day: '2026-03-12',
      sendAt: iso('2026-03-12T08:00:00+01:00'),
    });
    expect(due({ from: 'dueDate', days: 1 }, '2025-12-24')).toMatchObject({ day: '2025-12-30' });
  });

  it('before the due date, counts back from the date on the invoice', () => {
    expect(due({ from: 'dueDate', days: -3 }, '2026-03-07')).toEqual({
      day: '2026-03-04',
      sendAt: iso('2026-03-04T08:00:00+01:00'),
    });
  });

  it('before the due date, on a holiday, waits for the window: here the due date itself', () => {
    // Due Monday 4 May 2026; three days before is Friday 1 May, Labour Day.
    expect(due({ from: 'dueDate', days: -3 }, '2026-05-04')).toEqual({
      day: '2026-05-01',
      sendAt: iso('2026-05-04T08:00:00+02:00'),
    });
  });

  it('on the due date, on a Saturday, goes out at Monday’s opening', () => {
    expect(due({ from: 'dueDate', days: 0 }, '2026-03-07')).toEqual({
      day: '2026-03-07',
      sendAt: iso('2026-03-09T08:00:00+01:00'),
    });
  });

  it('follows the window it is given', () => {
    const { sendAt } = stepDue(
      { from: 'dueDate', days: 3 },
      { dueDate: '2026-03-07' },
      { from: '10:30', to: '12:00', timeZone: 'Europe/London' },
    );
    expect(sendAt.toISOString()).toBe('2026-03-12T10:30:00.000Z');
  });
});

describe('a step timed from the previous step', () => {
  it('counts days from the day the previous step went out, then waits for the window', () => {
    const previousStepAt = at('2025-12-22T17:30:00+01:00');
    const { day, sendAt } = stepDue({ from: 'previousStep', days: 2 }, { previousStepAt });
    expect(day).toBe('2025-12-24');
    expect(sendAt.toISOString()).toBe(iso('2025-12-29T08:00:00+01:00'));
  });

  it('with no days, goes out right after the previous step, not earlier that day', () => {
    const previousStepAt = at('2026-03-04T11:00:00+01:00');
    const { sendAt } = stepDue({ from: 'previousStep', days: 0 }, { previousStepAt });
    expect(sendAt).toEqual(previousStepAt);
  });

  it('takes the day on the window’s clocks: 00:30 in Warsaw is the previous day in UTC', () => {
    const previousStepAt = at('2026-03-04T00:30:00+01:00');
    const { day } = stepDue({ from: 'previousStep', days: 1 }, { previousStepAt });
    expect(day).toBe('2026-03-05');
  });

  it('is refused without the instant of the previous step', () => {
    expect(() => stepDue({ from: 'previousStep', days: 1 }, {})).toThrow(CalendarError);
    expect(() => stepDue({ from: 'dueDate', days: 1 }, {})).toThrow(/counts from the due date/);
  });
});

describe('validating a step timing', () => {
  const problems = (document: unknown) => {
    try {
      validateStepTiming(document, '/body/timing');
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.errors.map((e) => e.pointer);
    }
  };

  it('allows days before the due date, but not before the previous step', () => {
    expect(validateStepTiming({ from: 'dueDate', days: -7 }, '/')).toEqual({
      from: 'dueDate',
      days: -7,
    });
    expect(problems({ from: 'previousStep', days: -1 })).toEqual(['/body/timing/days']);
    expect(problems({ from: 'invoiceDate', days: 1.5 })).toEqual([
      '/body/timing/from',
      '/body/timing/days',
    ]);
  });
});
