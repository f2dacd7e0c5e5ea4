/** A company signed up without a time zone keeps its ledger's days in this one. */
const COMPANY_TIME_ZONE = 'Europe/Warsaw';

/**
 * `YYYY-MM-DD`, `days` from today (negative: before) in a new company's time zone, where
 * Monity counts days overdue: from 23:00 UTC in winter it is already tomorrow there.
 */
export function companyDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_TIME_ZONE }).format(
    new Date(),
  );
  return new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
}
