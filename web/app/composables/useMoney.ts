import type { Amount } from '@monity/sdk';

const cache = new Map<string, Intl.NumberFormat>();

/**
 * Amounts as people read them: "1 234,56 zł", "1 234,56 EUR". The API sends decimal strings,
 * and they reach `Intl.NumberFormat` as strings: since ES2023 it formats a string as the exact
 * decimal it spells, so no amount passes through a binary float on its way to the screen.
 * Grouping is forced ("1 234" rather than Polish style's "1234"), and other currencies than the
 * złoty show their code, as on Polish invoices.
 */
export function useMoney() {
  const { locale } = useI18n();

  function formatter(currency: string): Intl.NumberFormat {
    const language = locale.value === 'en' ? 'en-GB' : 'pl-PL';
    const key = `${language}:${currency}`;
    let format = cache.get(key);
    if (!format) {
      format = new Intl.NumberFormat(language, {
        style: 'currency',
        currency,
        currencyDisplay: language === 'pl-PL' && currency === 'PLN' ? 'symbol' : 'code',
        useGrouping: 'always',
      });
      cache.set(key, format);
    }
    return format;
  }

  const money = (amount: Amount | null | undefined, currency: string): string =>
    amount === null || amount === undefined
      ? '—'
      : formatter(currency).format(amount as Intl.StringNumericLiteral);

  /** Whether a decimal string is above zero, read from its digits. */
  const positive = (amount: Amount | null | undefined): boolean =>
    !!amount && !amount.startsWith('-') && /[1-9]/.test(amount);

  return { money, positive };
}
