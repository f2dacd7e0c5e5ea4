import { ValidationError, type FieldError } from '../errors.ts';
import type { Rate, RateTable } from './exchangeRateEvents.ts';

/** A table a reader found, and where: a JSON pointer, and its place in words for messages. */
export interface FoundTable {
  table: RateTable;
  pointer: string;
  /** "line 12", "table 3". */
  place: string;
}

/** At most this many problems are reported: a wrong file has one on every line. */
const MAX_PROBLEMS = 100;

/** The most tables one import takes: four years of NBP tables. */
export const MAX_TABLES = 1_000;

export function tableOf(number: string, effectiveDate: string, rates: Rate[]): RateTable {
  const sorted = [...rates].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { table: 'A', number, effectiveDate, rates: sorted };
}

/** Whether two tables say the same: the same day, and the same rate of every currency. */
export function sameTable(a: RateTable, b: RateTable): boolean {
  return (
    a.effectiveDate === b.effectiveDate &&
    a.rates.length === b.rates.length &&
    a.rates.every((rate, i) => rate.code === b.rates[i]!.code && rate.mid === b.rates[i]!.mid)
  );
}

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The currency codes of `rates` listed more than once. */
export function repeatedCodes(rates: Rate[]): string[] {
  const seen = new Set<string>();
  return [...new Set(rates.map((r) => r.code).filter((code) => seen.has(code) || !seen.add(code)))];
}

/**
 * The tables of one input, once every problem has been found: a table repeated identically is
 * kept once; the same number with other rates, or two numbers on one day, is refused. Throws a
 * single ValidationError naming every problem, so nothing of a faulty input is imported.
 */
export function settledTables(
  found: FoundTable[],
  problems: FieldError[],
  base: string,
): RateTable[] {
  const byNumber = new Map<string, FoundTable>();
  const byDay = new Map<string, FoundTable>();
  for (const entry of found) {
    const { number, effectiveDate } = entry.table;
    const twin = byNumber.get(number);
    const sameDay = byDay.get(effectiveDate);
    if (twin && !sameTable(twin.table, entry.table)) {
      problems.push(problem(entry, `table ${number} differs from ${twin.place}`));
    } else if (!twin && sameDay) {
      problems.push(problem(entry, `${effectiveDate} has table ${sameDay.table.number} already`));
    } else if (!twin) {
      byNumber.set(number, entry);
      byDay.set(effectiveDate, entry);
    }
  }
  if (found.length === 0 && problems.length === 0) {
    problems.push({ pointer: base, message: 'no table of rates found' });
  }
  if (byNumber.size > MAX_TABLES) {
    problems.push({
      pointer: base,
      message: `more than ${MAX_TABLES} tables: import them in parts`,
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > shown.length ? ` (the first ${MAX_PROBLEMS} shown)` : '';
    throw new ValidationError(`${problems.length} problems in the rates${more}`, shown);
  }
  return [...byNumber.values()]
    .map((entry) => entry.table)
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));
}

function problem(entry: FoundTable, message: string): FieldError {
  return { pointer: entry.pointer, message: `${entry.place}: ${message}` };
}
