export type { Weekday } from './calendarDay.ts';
export { CalendarError } from './calendarError.ts';
export {
  easterSunday,
  polishHolidayOn,
  polishHolidays,
  SUPPORTED_YEARS,
  type PolishHoliday,
  type PolishHolidayKey,
} from './polishHolidays.ts';
export {
  addBusinessDays,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
} from './businessDays.ts';
export {
  DEFAULT_SENDING_WINDOW,
  isInSendingWindow,
  nextInSendingWindow,
  sendingWindowSchema,
  validateSendingWindow,
  type SendingWindow,
} from './sendingWindow.ts';
export { nextOccurrence, scheduleSchema, validateSchedule, type Schedule } from './schedule.ts';
export {
  effectiveDueDate,
  stepDue,
  stepTimingSchema,
  validateStepTiming,
  type StepAnchors,
  type StepDue,
  type StepTiming,
} from './stepTiming.ts';
