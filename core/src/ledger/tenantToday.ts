import type { Clock } from '../clock.ts';

/** The calendar day it is now in a time zone, YYYY-MM-DD: "today" for a tenant's ledger. */
export function dayIn(timeZone: string, clock: Clock): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(clock.now());
}
