import { describe, expect, it } from 'vitest';
import { renderContent } from '../../src/templates/renderContent.ts';
import type { TemplateLanguage } from '../../src/templates/templateEvents.ts';
import { sampleVariables } from '../../src/templates/templateVariables.ts';

/** Renders one line as a voice text, which keeps every character Liquid outputs. */
function render(text: string, language: TemplateLanguage = 'pl', currency = 'PLN') {
  const variables = { ...sampleVariables(language), currency };
  return renderContent({ medium: 'voice', language, text }, variables).text;
}

const NBSP = '\u00a0';

describe('the money filter', () => {
  it('writes Polish amounts as Intl does for pl-PL, grouping thousands even with four digits', () => {
    expect(render("{{ '1234.56' | money }}")).toBe(`1${NBSP}234,56${NBSP}zł`);
    expect(render("{{ '1234567.5' | money }}", 'pl', 'EUR')).toBe(
      `1${NBSP}234${NBSP}567,50${NBSP}€`,
    );
    expect(render("{{ '0.5' | money }}")).toBe(`0,50${NBSP}zł`);
  });

  it('writes English amounts with the currency code', () => {
    expect(render("{{ '1234.56' | money }}", 'en')).toBe(`PLN${NBSP}1,234.56`);
    expect(render("{{ '1234.56' | money: 'EUR' }}", 'en')).toBe(`EUR${NBSP}1,234.56`);
  });

  it("takes the message's currency unless told another, and numbers from Liquid's arithmetic", () => {
    expect(render('{{ totals.open | money }}', 'pl', 'EUR')).toBe(`3${NBSP}194,56${NBSP}€`);
    expect(render("{{ '10' | money: 'USD' }}")).toBe(`10,00${NBSP}USD`);
    expect(render('{{ 100 | minus: 0.5 | money }}')).toBe(`99,50${NBSP}zł`);
  });

  it('refuses what is not an amount, saying where', () => {
    expect(() => render('Dzień dobry\n{{ customer.name | money }}')).toThrow(
      expect.objectContaining({
        errors: [
          {
            pointer: '/text',
            message:
              'line 2, column 1: money expects an amount such as 1234.56, ' +
              'not "Kowalski i Wspólnicy sp.j."',
          },
        ],
      }),
    );
  });
});

describe('the plural filter', () => {
  const polish = "{{ n | plural: 'faktura', 'faktury', 'faktur' }}";
  it.each([
    [1, 'faktura'],
    [2, 'faktury'],
    [5, 'faktur'],
    [12, 'faktur'],
    [22, 'faktury'],
    [25, 'faktur'],
    [0, 'faktur'],
    [104, 'faktury'],
    [111, 'faktur'],
  ])('in Polish, %i takes "%s"', (n, form) => {
    expect(render(`{% assign n = ${n} %}${polish}`)).toBe(form);
  });

  it.each([
    [1, 'invoice'],
    [2, 'invoices'],
    [5, 'invoices'],
    [21, 'invoices'],
  ])('in English, %i takes "%s"', (n, form) => {
    expect(render(`{% assign n = ${n} %}{{ n | plural: 'invoice', 'invoices' }}`, 'en')).toBe(form);
  });

  it('asks for all three Polish forms', () => {
    expect(() => render("{{ 2 | plural: 'faktura', 'faktury' }}")).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ message: expect.stringMatching(/plural needs 3/) })],
      }),
    );
  });
});

describe('the words filter', () => {
  it.each([
    ['0', 'zero złotych'],
    ['1', 'jeden złoty'],
    ['2', 'dwa złote'],
    ['5', 'pięć złotych'],
    ['11', 'jedenaście złotych'],
    ['21', 'dwadzieścia jeden złotych'],
    ['22.22', 'dwadzieścia dwa złote i dwadzieścia dwa grosze'],
    ['1234.56', 'tysiąc dwieście trzydzieści cztery złote i pięćdziesiąt sześć groszy'],
    ['1000000.01', 'milion złotych i jeden grosz'],
    ['0.05', 'pięć groszy'],
    ['1001', 'tysiąc jeden złotych'],
  ])('reads %s zł as "%s"', (amount, words) => {
    expect(render(`{{ '${amount}' | words }}`)).toBe(words);
  });

  it.each([
    ['EUR', '1', 'jedno euro'],
    ['EUR', '1234.56', 'tysiąc dwieście trzydzieści cztery euro i pięćdziesiąt sześć centów'],
    ['EUR', '2.02', 'dwa euro i dwa centy'],
    ['USD', '2', 'dwa dolary'],
    ['USD', '5.01', 'pięć dolarów i jeden cent'],
    ['USD', '1000000.22', 'milion dolarów i dwadzieścia dwa centy'],
  ])('declines %s in Polish: %s → "%s"', (currency, amount, words) => {
    expect(render(`{{ '${amount}' | words }}`, 'pl', currency)).toBe(words);
  });

  it('reads other currencies without agreeing the numeral with a gender it does not know', () => {
    expect(render("{{ '1234.56' | words }}", 'pl', 'CZK')).toBe(
      'tysiąc dwieście trzydzieści cztery i pięćdziesiąt sześć setnych, waluta: korona czeska',
    );
  });

  it('reads English templates in English', () => {
    expect(render("{{ '1234.56' | words }}", 'en')).toBe(
      'one thousand two hundred and thirty-four zlotys and fifty-six groszy',
    );
    expect(render("{{ '1' | words }}", 'en', 'EUR')).toBe('one euro');
  });

  it('writes counts in words, feminine for nouns such as faktura', () => {
    expect(
      render("{{ 2 | number_words: 'f' }} {{ 2 | plural: 'faktura', 'faktury', 'faktur' }}"),
    ).toBe('dwie faktury');
    expect(render("{{ 1002 | number_words: 'f' }}")).toBe('tysiąc dwie');
    expect(render('{{ 21 | number_words }}')).toBe('dwadzieścia jeden');
  });
});

describe('the date filters', () => {
  it('write dates in Polish and English, long or numeric', () => {
    expect(render("{{ '2026-12-03' | date_pl }}")).toBe('3 grudnia 2026');
    expect(render("{{ '2026-12-03' | date_pl: 'numeric' }}")).toBe('03.12.2026');
    expect(render("{{ '2026-12-03' | date_en }}")).toBe('3 December 2026');
    expect(render("{{ '2026-12-03' | date_en: 'numeric' }}")).toBe('03/12/2026');
  });

  it('say dates as Polish speech for voice calls', () => {
    expect(render("{{ '2026-12-03' | date_words }}")).toBe(
      'trzeciego grudnia dwa tysiące dwudziestego szóstego roku',
    );
    expect(render("{{ '2030-01-21' | date_words }}")).toBe(
      'dwudziestego pierwszego stycznia dwa tysiące trzydziestego roku',
    );
    expect(render("{{ '2026-12-03' | date_words }}", 'en')).toBe('3 December 2026');
  });
});
