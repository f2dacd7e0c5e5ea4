import type { Context, Liquid } from 'liquidjs';
import { minorDigits } from '../ledger/values/money.ts';
import { amountWords, numberWords, pluralForm, polishDateWords } from './amountWords.ts';
import type { TemplateLanguage } from './templateEvents.ts';

/** What the filters need to know of the message: its currency and the template's language. */
export interface MessageSettings {
  currency: string;
  language: TemplateLanguage;
}

/** Kept under a symbol in the render's globals, where no template can name or replace it. */
export const MESSAGE_SETTINGS = Symbol('monity.messageSettings');

type Filter = { context: Context };

const settingsOf = (filter: Filter) =>
  (filter.context.globals as { [MESSAGE_SETTINGS]: MessageSettings })[MESSAGE_SETTINGS];

/** A failure a template's author caused; Liquid adds the line and column of the filter. */
class FilterError extends Error {}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An amount given as "1234.56" (as variables hold it) or a number (after Liquid's math). */
function decimalOf(value: unknown, currency: string, filter: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value.toFixed(minorDigits(currency));
  }
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw new FilterError(
    `${filter} expects an amount such as 1234.56, not ${JSON.stringify(value)}`,
  );
}

function currencyOf(filter: Filter, override: unknown): string {
  if (override === undefined) return settingsOf(filter).currency;
  if (typeof override === 'string' && /^[A-Z]{3}$/.test(override)) return override;
  throw new FilterError(
    `the currency must be a code such as "EUR", not ${JSON.stringify(override)}`,
  );
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Polish amounts group thousands even with four digits ("1 234,56 zł"), as Polish invoices
 * print them; ICU's Polish default leaves them ungrouped, hence `useGrouping: 'always'`.
 * English templates show the code, which an English reader of a Polish invoice expects.
 */
function moneyFormat(language: TemplateLanguage, currency: string) {
  const key = `${language}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', {
      style: 'currency',
      currency,
      useGrouping: 'always',
      ...(language === 'en' ? { currencyDisplay: 'code' } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

function money(this: Filter, value: unknown, currencyArgument?: unknown) {
  const currency = currencyOf(this, currencyArgument);
  const decimal = decimalOf(value, currency, 'money');
  if (decimal === undefined) return '';
  return moneyFormat(settingsOf(this).language, currency).format(decimal as `${number}`);
}

function words(this: Filter, value: unknown, currencyArgument?: unknown) {
  const currency = currencyOf(this, currencyArgument);
  const decimal = decimalOf(value, currency, 'words');
  return decimal === undefined ? '' : amountWords(decimal, currency, settingsOf(this).language);
}

function wholeNumber(value: unknown, filter: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new FilterError(`${filter} expects a whole number, not ${JSON.stringify(value)}`);
  }
  return n;
}

function numberInWords(this: Filter, value: unknown, gender?: unknown) {
  const n = wholeNumber(value, 'number_words');
  return numberWords(BigInt(n), settingsOf(this).language, gender === 'f' || gender === 'feminine');
}

function plural(this: Filter, value: unknown, ...forms: unknown[]) {
  const n = wholeNumber(value, 'plural');
  const language = settingsOf(this).language;
  const wanted = language === 'pl' ? 3 : 2;
  if (forms.length < wanted || forms.some((form) => typeof form !== 'string')) {
    const example = language === 'pl' ? "'faktura', 'faktury', 'faktur'" : "'invoice', 'invoices'";
    throw new FilterError(`plural needs ${wanted} forms in quotes, such as ${example}`);
  }
  const [one, few, many = few] = forms as string[];
  return pluralForm(n, [one!, few!, many!], language);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDate(value: unknown, filter: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && ISO_DATE.test(value)) return value;
  throw new FilterError(
    `${filter} expects a date such as 2026-12-03, not ${JSON.stringify(value)}`,
  );
}

const LONG = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
const longDates = {
  pl: new Intl.DateTimeFormat('pl-PL', LONG),
  en: new Intl.DateTimeFormat('en-GB', LONG),
};

function formatDate(value: unknown, language: TemplateLanguage, style: unknown, filter: string) {
  const day = isoDate(value, filter);
  if (day === undefined) return '';
  const [, y, m, d] = ISO_DATE.exec(day)!;
  if (style === 'numeric') return language === 'pl' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
  if (style !== undefined) throw new FilterError(`${filter} takes no style but 'numeric'`);
  return longDates[language].format(new Date(`${day}T00:00:00Z`));
}

function dateWords(this: Filter, value: unknown) {
  const day = isoDate(value, 'date_words');
  if (day === undefined) return '';
  return settingsOf(this).language === 'pl'
    ? polishDateWords(day)
    : formatDate(day, 'en', undefined, 'date_words');
}

/** Monity's filters, beside Liquid's own (docs/templates.md lists both). */
export function registerTemplateFilters(liquid: Liquid): void {
  liquid.registerFilter('money', money);
  liquid.registerFilter('words', words);
  liquid.registerFilter('number_words', numberInWords);
  liquid.registerFilter('plural', plural);
  liquid.registerFilter('date_pl', (value: unknown, style?: unknown) =>
    formatDate(value, 'pl', style, 'date_pl'),
  );
  liquid.registerFilter('date_en', (value: unknown, style?: unknown) =>
    formatDate(value, 'en', style, 'date_en'),
  );
  liquid.registerFilter('date_words', dateWords);
}

export const TEMPLATE_FILTERS = [
  'money',
  'words',
  'number_words',
  'plural',
  'date_pl',
  'date_en',
  'date_words',
] as const;
