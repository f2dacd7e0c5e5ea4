import type { JsonSchema } from '../http/jsonSchema.ts';
import { addDays } from './calendarDay.ts';
import { CalendarError } from './calendarError.ts';
import { calendarValidator } from './calendarValidator.ts';
import { isBusinessDay, nextBusinessDay } from './businessDays.ts';
import {
  DEFAULT_SENDING_WINDOW,
  nextInSendingWindow,
  type SendingWindow,
} from './sendingWindow.ts';
import { firstInstantAtOrAfter, wallClockAt } from './zonedTime.ts';

/**
 * When a process step becomes due for a customer: a number of calendar days from the invoice's
 * due date (negative before it, 0 on it), or from the day the previous step went out.
 *
 * @example
 * ```json
 * { "from": "dueDate", "days": -3 }
 * { "from": "previousStep", "days": 7 }
 * ```
 */
export interface StepTiming {
  from: 'dueDate' | 'previousStep';
  days: number;
}

const YEAR = 366;

export const stepTimingSchema: JsonSchema<StepTiming> = {
  $id: 'monity:step-timing',
  type: 'object',
  required: ['from', 'days'],
  additionalProperties: false,
  properties: {
    from: { enum: ['dueDate', 'previousStep'] },
    days: { type: 'integer', minimum: -YEAR, maximum: YEAR },
  },
  if: { required: ['from'], properties: { from: { const: 'previousStep' } } },
  then: { properties: { days: { minimum: 0 } } },
};

/** Checks a step's timing from a request or a process definition. */
export const validateStepTiming = calendarValidator(
  stepTimingSchema,
  'step timing',
  () => undefined,
);

/** What a step's timing counts from, for one customer and invoice. */
export interface StepAnchors {
  /** The invoice's due date, YYYY-MM-DD, as written on it; needed for `from: "dueDate"`. */
  dueDate?: string;
  /** When the previous step went out; needed for `from: "previousStep"`. */
  previousStepAt?: Date;
}

export interface StepDue {
  /** The day the step becomes due, YYYY-MM-DD on the window's clocks. */
  day: string;
  /** The first instant in the window on or after that day, and not before the previous step. */
  sendAt: Date;
}

/**
 * The last day to pay an invoice due on `dueDate`: that day, or when it is a Saturday, a Sunday
 * or a holiday, the next business day (Civil Code, art. 115). A payment made then is on time.
 */
export function effectiveDueDate(dueDate: string): string {
  return isBusinessDay(dueDate) ? dueDate : nextBusinessDay(dueDate);
}

/**
 * When a step is due for a customer. Days after the due date count days of delay, so they run
 * from the effective due date: a reminder "3 days after" an invoice due on Saturday is due on
 * Thursday, the customer having had until Monday to pay. Days before and on the due date run
 * from the date written on the invoice. Days after the previous step run from the day it went
 * out on the window's clocks.
 *
 * Then the window decides the instant: a day the window skips moves the step to its next
 * opening, so a reminder before the due date may arrive as late as the due date itself.
 */
export function stepDue(
  timing: StepTiming,
  anchors: StepAnchors,
  window: SendingWindow = {},
): StepDue {
  const timeZone = window.timeZone ?? DEFAULT_SENDING_WINDOW.timeZone;
  const day = stepDay(timing, anchors, timeZone);
  const dayStart = firstInstantAtOrAfter(timeZone, day, 0);
  const previous = anchors.previousStepAt;
  const notBefore = previous && previous > dayStart ? previous : dayStart;
  return { day, sendAt: nextInSendingWindow(window, notBefore) };
}

function stepDay(timing: StepTiming, anchors: StepAnchors, timeZone: string): string {
  const { dueDate, previousStepAt } = anchors;
  if (timing.from === 'dueDate') {
    if (dueDate === undefined) throw missing('the due date');
    return addDays(timing.days > 0 ? effectiveDueDate(dueDate) : dueDate, timing.days);
  }
  if (previousStepAt === undefined) throw missing('the instant the previous step went out');
  return addDays(wallClockAt(timeZone, previousStepAt).day, timing.days);
}

function missing(what: string): CalendarError {
  return new CalendarError('calendar_anchor_missing', `The step's timing counts from ${what}`);
}
