import { isIsoDate } from '../values/isoDate.ts';

/**
 * Amounts as Polish ERPs and spreadsheets write them: "1 234,56", "1.234,56", "1234.56",
 * "-12,5", "1 234,56 zł". Returns a plain decimal string ("1234.56") for the record, or
 * `undefined` when the text is not an amount. Digits are kept as text throughout: no float.
 */
export function readAmountCell(text: string): string | undefined {
  let value = text
    .trim()
    .replace(/\s*(zł|zl|pln|eur|usd|€|\$)$/i, '')
    .replace(/[\s\u00a0']/g, '');
  if (value === '') return undefined;
  const negative = /^-|^\(.*\)$/.test(value);
  value = value.replace(/^[-(]|\)$/g, '');
  // With both separators the later one is the decimal one; a separator that repeats is for
  // thousands; a single one is decimal ("1.234" is then 1.234, which the currency check refuses
  // for PLN with a clear message rather than guessing).
  const commas = value.split(',').length - 1;
  const dots = value.split('.').length - 1;
  let decimal: string | undefined;
  if (commas > 0 && dots > 0) decimal = value.lastIndexOf(',') > value.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1) decimal = ',';
  else if (dots === 1) decimal = '.';
  const thousands = decimal === ',' ? '.' : decimal === '.' ? ',' : /[.,]/;
  const digits = value.split(thousands).join('');
  const [whole = '', fraction = ''] = decimal ? digits.split(decimal) : [digits];
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return undefined;
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/;

/** Dates as dd.mm.yyyy, dd-mm-yyyy, dd/mm/yyyy or ISO (a time after it is ignored). */
export function readDateCell(text: string): string | undefined {
  const value = text.trim();
  const iso = ISO_PREFIX.exec(value);
  if (iso) return isIsoDate(iso[1]!) ? iso[1] : undefined;
  const dmy = DMY.exec(value);
  if (!dmy) return undefined;
  const date = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

/** Yes/no as people type it in Polish or English. */
export function readFlagCell(text: string): boolean | undefined {
  const value = text.trim().toLocaleLowerCase('pl');
  if (['tak', 't', 'yes', 'y', 'true', '1', 'x'].includes(value)) return true;
  if (['nie', 'n', 'no', 'false', '0', ''].includes(value)) return false;
  return undefined;
}
