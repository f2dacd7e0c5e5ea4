import { toCardinal as englishCardinal } from 'n2words/en-GB';
import { toCardinal as polishCardinal, toOrdinal as polishOrdinal } from 'n2words/pl-PL';
import { minorDigits } from '../ledger/values/money.ts';
import type { TemplateLanguage } from './templateEvents.ts';

/**
 * Amounts and dates as a voice call reads them. The numbers themselves come from n2words,
 * which inflects Polish numerals correctly (dwa tysiące, pięć milionów). Its `toCurrency`
 * knows only złoty and omits the "i" between złote and grosze, and no maintained npm package
 * declines other currencies in Polish (to-words says "dwa złotych"), so the nouns that follow
 * a number are chosen here, with the Polish plural rules of `Intl.PluralRules`.
 */

/** Singular, few (2–4, 22–24…) and many forms; English uses the first and the last. */
type Forms = readonly [one: string, few: string, many: string];

interface CurrencyNouns {
  major: Forms;
  minor: Forms;
  /** Euro is neuter in Polish: "jedno euro". */
  oneMajor?: string;
}

const POLISH: Record<string, CurrencyNouns> = {
  PLN: { major: ['złoty', 'złote', 'złotych'], minor: ['grosz', 'grosze', 'groszy'] },
  EUR: { major: ['euro', 'euro', 'euro'], minor: ['cent', 'centy', 'centów'], oneMajor: 'jedno' },
  USD: { major: ['dolar', 'dolary', 'dolarów'], minor: ['cent', 'centy', 'centów'] },
  GBP: { major: ['funt', 'funty', 'funtów'], minor: ['pens', 'pensy', 'pensów'] },
  CHF: { major: ['frank', 'franki', 'franków'], minor: ['centym', 'centymy', 'centymów'] },
};

const ENGLISH: Record<string, CurrencyNouns> = {
  PLN: { major: ['zloty', '', 'zlotys'], minor: ['grosz', '', 'groszy'] },
  EUR: { major: ['euro', '', 'euros'], minor: ['cent', '', 'cents'] },
  USD: { major: ['dollar', '', 'dollars'], minor: ['cent', '', 'cents'] },
  GBP: { major: ['pound', '', 'pounds'], minor: ['penny', '', 'pence'] },
  CHF: { major: ['franc', '', 'francs'], minor: ['centime', '', 'centimes'] },
};

const pluralRules = {
  pl: new Intl.PluralRules('pl'),
  en: new Intl.PluralRules('en'),
};

/** The form of a noun that follows the whole number `n`: 1 faktura, 2 faktury, 5 faktur. */
export function pluralForm(n: number, forms: Forms, language: TemplateLanguage): string {
  const category = pluralRules[language].select(Math.abs(Math.trunc(n)));
  if (category === 'one') return forms[0];
  if (language === 'en') return forms[2];
  return category === 'few' ? forms[1] : forms[2];
}

/** A whole number in words; `feminine` for Polish nouns like faktura ("dwie faktury"). */
export function numberWords(n: bigint, language: TemplateLanguage, feminine = false): string {
  if (language === 'en') return englishCardinal(n);
  if (!feminine) return polishCardinal(n);
  // n2words inflects only the numbers below a thousand by gender: "tysiąc dwie", not "dwa".
  const below = n % 1000n;
  if (n < 1000n || below === 0n) return polishCardinal(n, { gender: 'feminine' });
  return `${polishCardinal(n - below)} ${polishCardinal(below, { gender: 'feminine' })}`;
}

/** Splits a decimal string such as "1234.56" into whole and minor units of `currency`. */
function split(decimal: string, currency: string) {
  const digits = minorDigits(currency);
  const [whole = '0', fraction = ''] = decimal.replace(/^-/, '').split('.');
  return {
    negative: decimal.startsWith('-') && /[1-9]/.test(decimal),
    major: BigInt(whole),
    minor: BigInt(fraction.padEnd(digits, '0').slice(0, digits) || '0'),
    digits,
  };
}

/**
 * An amount in words, with the currency's nouns in their right forms:
 * "tysiąc dwieście trzydzieści cztery złote i pięćdziesiąt sześć groszy".
 */
export function amountWords(decimal: string, currency: string, language: TemplateLanguage) {
  const { negative, major, minor, digits } = split(decimal, currency);
  const nouns = (language === 'pl' ? POLISH : ENGLISH)[currency];
  const sign = negative ? 'minus ' : '';
  if (!nouns) return sign + namedCurrencyWords(major, minor, digits, currency, language);

  const whole = (n: bigint) =>
    n === 1n && nouns.oneMajor ? nouns.oneMajor : numberWords(n, language);
  const majorText = `${whole(major)} ${pluralForm(Number(major), nouns.major, language)}`;
  if (minor === 0n) return sign + majorText;
  const minorText = `${numberWords(minor, language)} ${pluralForm(
    Number(minor),
    nouns.minor,
    language,
  )}`;
  if (major === 0n) return sign + minorText;
  return `${sign}${majorText} ${language === 'pl' ? 'i' : 'and'} ${minorText}`;
}

/**
 * Known shortcoming (docs/templates.md): currencies without nouns above are read without
 * agreeing a numeral with the currency's gender, which only the nouns above record: "sto
 * dwadzieścia i pięćdziesiąt sześć setnych, waluta: korona czeska".
 */
function namedCurrencyWords(
  major: bigint,
  minor: bigint,
  digits: number,
  currency: string,
  language: TemplateLanguage,
) {
  const name = new Intl.DisplayNames(language, { type: 'currency' }).of(currency) ?? currency;
  let text = numberWords(major, language);
  if (minor > 0n) {
    const parts: Forms =
      language === 'pl'
        ? digits === 3
          ? ['tysięczna', 'tysięczne', 'tysięcznych']
          : ['setna', 'setne', 'setnych']
        : digits === 3
          ? ['thousandth', '', 'thousandths']
          : ['hundredth', '', 'hundredths'];
    const and = language === 'pl' ? 'i' : 'and';
    const count = numberWords(minor, language, true);
    text += ` ${and} ${count} ${pluralForm(Number(minor), parts, language)}`;
  }
  return `${text}, ${language === 'pl' ? 'waluta' : 'currency'}: ${name}`;
}

const POLISH_MONTHS_GENITIVE = [
  'stycznia',
  'lutego',
  'marca',
  'kwietnia',
  'maja',
  'czerwca',
  'lipca',
  'sierpnia',
  'września',
  'października',
  'listopada',
  'grudnia',
];

/** "trzeci" → "trzeciego", "dwudziesty pierwszy" → "dwudziestego pierwszego". */
const genitive = (ordinal: string) =>
  ordinal
    .split(' ')
    .map((word) => word.replace(/i$/, 'iego').replace(/y$/, 'ego'))
    .join(' ');

/** An ISO date as Polish speech: "trzeciego grudnia dwa tysiące dwudziestego szóstego roku". */
export function polishDateWords(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const rest = year % 100;
  // n2words writes the ordinal of 2000 as "dwa tysięczny": the round years are said here.
  const yearWords =
    rest === 0
      ? year === 2000
        ? 'dwutysięcznego'
        : genitive(polishOrdinal(year))
      : `${polishCardinal(year - rest)} ${genitive(polishOrdinal(rest))}`;
  return `${genitive(polishOrdinal(day))} ${POLISH_MONTHS_GENITIVE[month - 1]} ${yearWords} roku`;
}
