import type { FieldError } from '../errors.ts';
import { RATE_TABLE_NUMBER, type Rate, type RateTable } from './exchangeRateEvents.ts';
import { rateOfOneUnit } from './rateDecimal.ts';
import { isCalendarDay, settledTables, tableOf, type FoundTable } from './rateTables.ts';

/** Where a header row puts each currency and the table's number. */
interface Layout {
  currencies: { column: number; code: string; units: number }[];
  /** `nr tabeli`: the table's number within its year, "1". */
  shortNumber: number | undefined;
  /** `pełny numer tabeli`: "001/A/NBP/2026". */
  fullNumber: number | undefined;
}

const CURRENCY_HEADER = /^(\d+)\s*([A-Z]{3})$/;
const NUMBER = new RegExp(RATE_TABLE_NUMBER);

/**
 * Reads NBP's yearly archive of table A (`archiwum_tab_a_2026.csv` from nbp.pl): Windows-1250
 * (UTF-8 is taken too), cells separated by `;`, decimal commas. A header row starting with
 * `data` names each currency with the units its rate is for (`1USD`, `100JPY`, `10000IDR`);
 * each row starting with a day `YYYYMMDD` is one table. Every other row — currency names, ISO
 * codes, unit counts, blank lines — is skipped. Problems name their line (the first is 1).
 *
 * The cells are split by hand rather than by a CSV library: NBP's file has a fixed shape with
 * no quoted cells; quotes a spreadsheet may add around a cell are dropped.
 */
export function readNbpCsv(bytes: Uint8Array, base: string): RateTable[] {
  const problems: FieldError[] = [];
  const found: FoundTable[] = [];
  let layout: Layout | 'broken' | undefined;
  decode(bytes)
    .split(/\r\n|\n|\r/)
    .forEach((text, index) => {
      const line = index + 1;
      const cells = text.split(';').map((cell) =>
        cell
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim(),
      );
      const first = cells[0]!.toLowerCase();
      const report = (message: string) =>
        problems.push({ pointer: `${base}/lines/${line}`, message: `line ${line}: ${message}` });
      if (first === 'data') {
        layout = readHeader(cells, report);
      } else if (/^\d+$/.test(first) && layout !== 'broken') {
        const table = layout ? readRow(cells, layout, report) : undefined;
        if (!layout) report('a row of rates before the header row (the one starting "data")');
        if (table) found.push({ table, pointer: `${base}/lines/${line}`, place: `line ${line}` });
      }
    });
  return settledTables(found, problems, base);
}

/** The file's text: UTF-8 when it is valid UTF-8, else Windows-1250, as NBP publishes it. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}

function readHeader(cells: string[], report: (message: string) => void): Layout | 'broken' {
  const layout: Layout = { currencies: [], shortNumber: undefined, fullNumber: undefined };
  let broken = false;
  const refuse = (message: string) => {
    report(message);
    broken = true;
  };
  cells.forEach((cell, column) => {
    const name = cell.toLowerCase();
    const currency = CURRENCY_HEADER.exec(cell);
    if (column === 0 || cell === '') return;
    if (name === 'nr tabeli') layout.shortNumber = column;
    else if (name.endsWith('numer tabeli')) layout.fullNumber = column;
    else if (!currency) refuse(`column ${column + 1} "${cell}" is not a currency like 1USD`);
    else if (!/^10*$/.test(currency[1]!)) refuse(`${cell}: the units must be 1, 10, 100…`);
    else if (layout.currencies.some((c) => c.code === currency[2])) {
      refuse(`${currency[2]} has two columns`);
    } else {
      layout.currencies.push({ column, code: currency[2]!, units: Number(currency[1]) });
    }
  });
  if (layout.currencies.length === 0) refuse('the header names no currency');
  if (layout.shortNumber === undefined && layout.fullNumber === undefined) {
    refuse('the header has no column "nr tabeli" or "pełny numer tabeli"');
  }
  return broken ? 'broken' : layout;
}

function readRow(
  cells: string[],
  layout: Layout,
  report: (message: string) => void,
): RateTable | undefined {
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(cells[0]!);
  const day = date ? `${date[1]}-${date[2]}-${date[3]}` : '';
  if (!isCalendarDay(day)) {
    report(`"${cells[0]}" is not a day as YYYYMMDD`);
    return undefined;
  }
  const number = tableNumber(cells, layout, date![1]!);
  let faulty = !number;
  if (!number) report('no table number like 001/A/NBP/2026');

  const rates: Rate[] = [];
  for (const { column, code, units } of layout.currencies) {
    const cell = cells[column] ?? '';
    // A currency NBP did not quote that day (or not yet that year) has an empty cell.
    if (cell === '') continue;
    const reading = rateOfOneUnit(cell, units);
    if (reading.ok) rates.push({ code, mid: reading.mid });
    else report(`${units}${code}: ${reading.problem}`);
    faulty ||= !reading.ok;
  }
  if (rates.length === 0 && !faulty) report('no rate in the row');
  return faulty || rates.length === 0 ? undefined : tableOf(number!, day, rates);
}

/** The full number, or one made of the short number and the year: "1", 2026 → 001/A/NBP/2026. */
function tableNumber(cells: string[], layout: Layout, year: string): string | undefined {
  const full = layout.fullNumber === undefined ? '' : (cells[layout.fullNumber] ?? '');
  if (NUMBER.test(full)) return full;
  const short = layout.shortNumber === undefined ? '' : (cells[layout.shortNumber] ?? '');
  return /^\d{1,3}$/.test(short) && full === ''
    ? `${short.padStart(3, '0')}/A/NBP/${year}`
    : undefined;
}
