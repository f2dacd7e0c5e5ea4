import type ExcelJS from 'exceljs';

/**
 * The text of a cell as Monity reads it: what the cell shows, without the display format.
 * Numbers in plain decimals, dates as ISO `2024-02-29` (with `T10:30:00` only if a time is
 * set), booleans as `true`/`false`, formulas as their saved result, links as their text.
 */
export function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value, cell.numFmt).trim();
}

function valueText(value: unknown, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return '';
  if ('richText' in value) {
    const runs = value.richText as ExcelJS.RichText[];
    return runs.map((run) => run.text ?? '').join('');
  }
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined;
    // The reader turns date-formatted values into dates, but not the results of formulas; it
    // also gives a boolean result as 1 or 0, and an error result as no number at all.
    if (typeof result === 'number' && isDateFormat(format)) return dateText(excelDate(result));
    return valueText(result, format);
  }
  if ('text' in value) return valueText(value.text, format);
  return '';
}

/**
 * A number in plain decimals, never in exponent notation, to the 15 significant digits that
 * Excel keeps and shows: the binary remainder of a sum such as `0.1 + 0.2`, which the file may
 * hold as `0.30000000000000004`, is not what the user sees in the workbook.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Number(value.toPrecision(15)));
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', first = '', rest = '', exponent = '0'] = match;
  const digits = first + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Dates in a workbook have no time zone: the reader gives them as UTC, so UTC is read back. */
function dateText(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  // Serial day numbers carry binary noise far below a second.
  const [day = '', clock = ''] = new Date(Math.round(time / 1000) * 1000)
    .toISOString()
    .slice(0, 19)
    .split('T');
  return clock === '00:00:00' ? day : `${day}T${clock}`;
}

/** A day number of the 1900 date system (1 is 1900-01-01) as a date. */
function excelDate(serial: number): Date {
  const unixEpoch = 25569;
  return new Date(Math.round((serial - unixEpoch) * 86_400_000));
}

/** Whether a number format shows a date or a time: it has a day, month, year, hour or second. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  // Quoted text, escaped characters, padding, fills, colours and locales are not date parts.
  const parts = format.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(parts);
}
