import { v5 as uuidv5 } from 'uuid';
import {
  importRateTables,
  rateStreamOf,
  readNbpJson,
  type DemoLedger,
  type NbpApiTable,
} from '@monity/core';
import { DayFormat, civil, isWeekend, isoToDay } from './calendar.ts';
import { Random } from './prng.ts';

/**
 * SYNTHETIC exchange rates for the demo company — not NBP's. They are shaped like NBP's table
 * A (one table per business day, numbered `001/A/NBP/<year>` from each January) so the demo
 * converts its EUR and USD figures to PLN, but every rate is a random walk of our own.
 */
const CURRENCIES = [
  { code: 'EUR', currency: 'euro', around: 4.28 },
  { code: 'USD', currency: 'dolar amerykański', around: 3.95 },
  { code: 'GBP', currency: 'funt szterling', around: 5.05 },
  { code: 'CHF', currency: 'frank szwajcarski', around: 4.52 },
];

/** The walk starts here whatever the day, so a day's rate is the same on every start. */
const FIRST_DAY = isoToDay('2000-01-03');
const SEED = 2026;

/** Days NBP publishes no table, by MM-DD. Movable feasts (Easter Monday…) are not left out. */
const HOLIDAYS = new Set([
  '01-01',
  '01-06',
  '05-01',
  '05-03',
  '08-15',
  '11-01',
  '11-11',
  '12-24',
  '12-25',
  '12-26',
]);

/**
 * One synthetic table per business day of the 13 months up to `today` (YYYY-MM-DD), in the
 * NBP Web API's JSON: rates move by ten-thousandths, a little each day, drawn back towards
 * where they started.
 */
export function demoRateTables(today: string): NbpApiTable[] {
  const iso = new DayFormat('iso');
  const last = isoToDay(today);
  const { year, month, day } = civil(last);
  const first = Math.round(Date.UTC(year, month - 1 - 13, day) / 86_400_000);
  const random = new Random(SEED);
  const level = CURRENCIES.map((c) => Math.round(c.around * 10_000));
  const tables: NbpApiTable[] = [];
  let sequence = 0;
  for (let d = FIRST_DAY; d <= last; d++) {
    const date = iso.format(d);
    if (date.endsWith('-01-01')) sequence = 0;
    if (isWeekend(d) || HOLIDAYS.has(date.slice(5))) continue;
    sequence += 1;
    CURRENCIES.forEach((c, i) => {
      const pull = (c.around * 10_000 - level[i]!) * 0.02;
      level[i] = Math.round(level[i]! + pull + random.normal() * level[i]! * 0.003);
    });
    if (d < first) continue;
    tables.push({
      table: 'A',
      no: `${String(sequence).padStart(3, '0')}/A/NBP/${date.slice(0, 4)}`,
      effectiveDate: date,
      rates: CURRENCIES.map((c, i) => ({
        currency: c.currency,
        code: c.code,
        mid: level[i]! / 1e4,
      })),
    });
  }
  return tables;
}

/**
 * Gives the demo company its synthetic rates through the import every NBP file goes through.
 * Event ids come from the table numbers, so loading them twice appends nothing twice.
 */
export const loadDemoRates: DemoLedger = async ({ tenantId, eventStore, today }) => {
  const metadata = {
    tenantId,
    actor: { kind: 'system' as const, id: 'demo' },
    correlationId: tenantId,
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
  const tables = readNbpJson(demoRateTables(today), '/demo');
  await importRateTables(rateStreamOf(eventStore, tenantId), tables, (table) => ({
    id: uuidv5(`demo:rates:${table.number}`, tenantId),
    type: 'ExchangeRateTableImported',
    data: table,
    metadata,
  }));
};
