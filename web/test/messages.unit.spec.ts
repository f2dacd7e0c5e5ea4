import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('..', import.meta.url));
type Messages = { [key: string]: string | Messages };

function messages(locale: string): Messages {
  return JSON.parse(readFileSync(join(WEB, 'i18n', 'locales', `${locale}.json`), 'utf8'));
}

function keysOf(tree: Messages, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(vue|ts)$/.test(entry.name) ? [path] : [];
  });
}

/** Keys written out whole in the app's code: `t('users.title')`, `label: 'nav.users'`. */
function keysUsed(): string[] {
  const pattern = /\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'|'(nav\.[a-zA-Z]+)'/g;
  return sourceFiles(join(WEB, 'app')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => match[1] ?? match[2]!),
  );
}

describe('the message files', () => {
  const polish = keysOf(messages('pl')).sort();
  const english = keysOf(messages('en')).sort();

  it('give Polish and English the same keys', () => {
    expect(english).toEqual(polish);
  });

  it('hold every key the app names', () => {
    const missing = [...new Set(keysUsed())].filter((key) => !polish.includes(key));
    expect(missing).toEqual([]);
  });
});
