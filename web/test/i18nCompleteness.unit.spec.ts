import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  flattenMessages,
  keyUses,
  propertyValues,
  readSources,
  type SourceFile,
} from './support/i18nKeys.ts';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const LOCALES = ['pl', 'en'] as const;
const messages = Object.fromEntries(
  LOCALES.map((locale) => {
    const file = `${WEB}/i18n/locales/${locale}.json`;
    return [locale, flattenMessages(JSON.parse(readFileSync(file, 'utf8')))];
  }),
) as Record<(typeof LOCALES)[number], Map<string, unknown>>;
const sources = readSources(`${WEB}/app`);
const uses = sources.flatMap(keyUses);

/**
 * The translation calls whose key is a variable the parser cannot follow, by `file: argument`,
 * and where their keys are written. A new call of that kind fails the last test until it is
 * listed here.
 */
const KEYS_FROM_ELSEWHERE: Record<string, (file: SourceFile) => string[]> = {
  // The side navigation's pages, each `{ label: 'nav.…' }`.
  'components/AppNavigation.vue: page.label': (file) => propertyValues(file.text, 'label'),
  // The refusals a caller names by status: `useAction(…, { byStatus: { 409: '…' } })`.
  'composables/useAction.ts: known': () =>
    sources.flatMap((file) =>
      [...file.text.matchAll(/byStatus:\s*\{([^}]*)\}/g)].flatMap((match) =>
        [...match[1]!.matchAll(/'([^']+)'/g)].map((key) => key[1]!),
      ),
    ),
};

const sorted = (keys: Iterable<string>) => [...keys].sort();
const hasKey = (locale: Map<string, unknown>, key: string) => locale.has(key);
const hasPrefix = (locale: Map<string, unknown>, prefix: string) =>
  [...locale.keys()].some((key) => key.startsWith(`${prefix}.`));

describe('the Polish and English texts of the web app', () => {
  it('name the same keys', () => {
    const [pl, en] = [messages.pl, messages.en];
    expect(sorted([...pl.keys()].filter((key) => !en.has(key))), 'only in pl.json').toEqual([]);
    expect(sorted([...en.keys()].filter((key) => !pl.has(key))), 'only in en.json').toEqual([]);
  });

  it('leave no text empty', () => {
    for (const locale of LOCALES) {
      const empty = [...messages[locale]]
        .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
        .map(([key]) => key);
      expect(empty, `empty or not a text in ${locale}.json`).toEqual([]);
    }
  });

  it('hold every key the sources name, and every prefix they complete at run time', () => {
    // A parser that found nothing would pass this test: it finds the calls it should.
    expect(uses.filter((use) => use.kind === 'key').length).toBeGreaterThan(1000);
    expect(uses.filter((use) => use.kind === 'prefix').length).toBeGreaterThan(40);

    for (const locale of LOCALES) {
      const missing = uses.flatMap((use) => {
        const where = `${use.path}:${use.line}`;
        if (use.kind === 'key' && !hasKey(messages[locale], use.key)) return `${where} ${use.key}`;
        if (use.kind === 'prefix' && !hasPrefix(messages[locale], use.prefix)) {
          return `${where} ${use.prefix}.*`;
        }
        return [];
      });
      expect(missing, `keys missing from ${locale}.json`).toEqual([]);
    }
  });

  it('hold the keys of the calls that take their key from a variable', () => {
    const unexplained: string[] = [];
    const missing: string[] = [];
    for (const use of uses) {
      if (use.kind !== 'expression') continue;
      const name = `${use.path}: ${use.expression}`;
      const keysOf = KEYS_FROM_ELSEWHERE[name];
      if (!keysOf) {
        unexplained.push(`${use.path}:${use.line} t(${use.expression})`);
        continue;
      }
      const keys = keysOf(sources.find((file) => file.path === use.path)!);
      expect(keys.length, `${name} finds its keys`).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        for (const key of keys)
          if (!hasKey(messages[locale], key)) missing.push(`${locale} ${key}`);
      }
    }
    expect(unexplained, 'list these in KEYS_FROM_ELSEWHERE').toEqual([]);
    expect(missing).toEqual([]);
  });
});
