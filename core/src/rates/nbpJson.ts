import type { FieldError } from '../errors.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { RATE_TABLE_NUMBER, type Rate, type RateTable } from './exchangeRateEvents.ts';
import { rateOfJsonNumber } from './rateDecimal.ts';
import {
  MAX_TABLES,
  isCalendarDay,
  repeatedCodes,
  settledTables,
  tableOf,
  type FoundTable,
} from './rateTables.ts';

const NUMBER = new RegExp(RATE_TABLE_NUMBER);

/** One table as `api.nbp.pl/api/exchangerates/tables/A/` answers it (`?format=json`). */
export interface NbpApiTable {
  table: string;
  no: string;
  effectiveDate: string;
  rates: { currency?: string; code: string; mid: number }[];
}

const apiTable = {
  type: 'object',
  required: ['table', 'no', 'effectiveDate', 'rates'],
  properties: {
    table: { enum: ['A'] },
    no: { type: 'string', pattern: RATE_TABLE_NUMBER },
    effectiveDate: { type: 'string', format: 'date' },
    rates: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['code', 'mid'],
        properties: {
          currency: { type: 'string' },
          code: { type: 'string', pattern: '^[A-Z]{3}$' },
          mid: { type: 'number', exclusiveMinimum: 0 },
        },
      },
    },
  },
};

/**
 * The NBP Web API's answer: an array of tables, or one table on its own. `if` rather than
 * `anyOf`, so a faulty table is reported once, by the branch it was meant for.
 */
export const nbpApiSchema: JsonSchema<NbpApiTable | NbpApiTable[]> = {
  if: { type: 'array' },
  then: { type: 'array', minItems: 1, maxItems: MAX_TABLES, items: apiTable },
  else: apiTable,
};

/**
 * Reads tables in the NBP Web API's JSON: an array of them or a single one. Every problem is
 * collected, addressed by JSON pointer under `base`, before any is thrown (as one
 * ValidationError); only table A of average rates is taken.
 */
export function readNbpJson(value: unknown, base: string): RateTable[] {
  const items = Array.isArray(value) ? value : [value];
  const problems: FieldError[] = [];
  const found: FoundTable[] = [];
  items.forEach((item, i) => {
    const pointer = Array.isArray(value) ? `${base}/${i}` : base;
    const table = readTable(item, pointer, `table ${i + 1}`, problems);
    if (table) found.push({ table, pointer, place: `table ${i + 1} (${table.number})` });
  });
  return settledTables(found, problems, base);
}

function readTable(
  item: unknown,
  pointer: string,
  place: string,
  problems: FieldError[],
): RateTable | undefined {
  const fail = (at: string, message: string) => {
    problems.push({ pointer: `${pointer}${at}`, message: `${place}: ${message}` });
    return undefined;
  };
  if (!isObject(item)) return fail('', 'must be a table object');
  if (item.table !== 'A') return fail('/table', 'only table A (average rates) is taken');
  if (typeof item.no !== 'string' || !NUMBER.test(item.no)) {
    return fail('/no', 'must be a table number like 001/A/NBP/2026');
  }
  if (typeof item.effectiveDate !== 'string' || !isCalendarDay(item.effectiveDate)) {
    return fail('/effectiveDate', 'must be a day as YYYY-MM-DD');
  }
  if (!Array.isArray(item.rates) || item.rates.length === 0) {
    return fail('/rates', 'must list at least one rate');
  }
  const before = problems.length;
  const rates = item.rates.flatMap((rate: unknown, j) => {
    const read = readRate(rate);
    if (typeof read === 'string') fail(`/rates/${j}`, read);
    return typeof read === 'string' ? [] : [read];
  });
  for (const code of repeatedCodes(rates)) fail('/rates', `${code} is listed twice`);
  if (problems.length > before) return undefined;
  return tableOf(item.no, item.effectiveDate, rates);
}

/** A rate, or what is wrong with it. */
function readRate(rate: unknown): Rate | string {
  if (!isObject(rate)) return 'must be a rate object';
  const { code, mid } = rate;
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return 'code must be like EUR';
  if (code === 'PLN') return 'PLN is what the rates are in, not a rate';
  if (typeof mid !== 'number') return `${code}: mid must be a number`;
  const reading = rateOfJsonNumber(mid);
  return reading.ok ? { code, mid: reading.mid } : `${code}: ${reading.problem}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
