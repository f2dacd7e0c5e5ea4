import { MonityError } from '../errors.ts';

/** What the calendar refuses, each with its own stable code. */
type CalendarErrorCode =
  | 'calendar_year_unsupported'
  | 'calendar_day_invalid'
  | 'calendar_count_invalid'
  | 'calendar_time_invalid'
  | 'calendar_time_zone_unknown'
  | 'calendar_window_invalid'
  | 'calendar_never_opens'
  | 'calendar_schedule_invalid'
  | 'calendar_anchor_missing';

/**
 * A day, time, time zone or window the calendar cannot answer for. The status is 400 because
 * every such value reaches the calendar from a tenant's settings or ledger, not from Monity.
 */
export class CalendarError extends MonityError {
  constructor(code: CalendarErrorCode, message: string) {
    super(code, message, 400);
  }
}
