import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A flat view of a locale file: `"customers.empty"` → its text. */
export function flattenMessages(tree: unknown, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    flat.set(prefix, tree);
    return flat;
  }
  for (const [name, value] of Object.entries(tree)) {
    for (const entry of flattenMessages(value, prefix ? `${prefix}.${name}` : name)) {
      flat.set(...entry);
    }
  }
  return flat;
}

/** A source file of the web app: its path from the app's folder and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

export function readSources(root: string, extensions = ['.vue', '.ts']): SourceFile[] {
  const entries = readdirSync(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => ({ path: relative(root, file), text: readFileSync(file, 'utf8') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What a translation call names: a whole `key`, a `prefix` the code completes at run time
 * (`` t(`invoices.statuses.${status}`) `` reads some key under `invoices.statuses`), or an
 * `expression` the parser cannot follow, to be explained by the test.
 */
type KeyUse =
  | { kind: 'key'; key: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'expression'; expression: string };

/** Where in a file a key is used, with the line for the failure message. */
export type LocatedUse = KeyUse & { path: string; line: number };

// `t(`, `$t(` and `te(` where they start an identifier (not `emit(` or `obj.t(`).
const CALL = /(?<![\w$.])\$?te?\(/g;
const KEYPATH = /<(?:i18n-t|I18nT)\b[^>]*?\s(:?)keypath="([^"]*)"/g;

/** Every key a file uses through `t`, `$t`, `te` and `<i18n-t keypath>`. */
export function keyUses(file: SourceFile): LocatedUse[] {
  const uses: LocatedUse[] = [];
  const lineOf = (index: number) => file.text.slice(0, index).split('\n').length;
  for (const match of file.text.matchAll(CALL)) {
    const start = match.index + match[0].length;
    const argument = firstArgument(file.text, start);
    for (const use of classify(argument, file.text)) {
      uses.push({ ...use, path: file.path, line: lineOf(match.index) });
    }
  }
  for (const match of file.text.matchAll(KEYPATH)) {
    const argument = match[1] ? match[2]! : `'${match[2]}'`;
    for (const use of classify(argument, file.text)) {
      uses.push({ ...use, path: file.path, line: lineOf(match.index) });
    }
  }
  return uses;
}

/** The text of a call's first argument, from just after its opening parenthesis. */
function firstArgument(text: string, start: number): string {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'" || char === '"' || char === '`') {
      index = endOfString(text, index);
      continue;
    }
    if ('([{'.includes(char)) depth += 1;
    if (')]}'.includes(char)) {
      if (depth === 0) break;
      depth -= 1;
    }
    if (char === ',' && depth === 0) break;
    index += 1;
  }
  return text.slice(start, index).trim();
}

/** The index just past the string literal opening at `start` (template literals nest). */
function endOfString(text: string, start: number): number {
  const quote = text[start]!;
  let index = start + 1;
  while (index < text.length && text[index] !== quote) {
    if (text[index] === '\\') index += 1;
    else if (quote === '`' && text.startsWith('${', index)) {
      index = endOfPlaceholder(text, index + 2);
      continue;
    }
    index += 1;
  }
  return index + 1;
}

function endOfPlaceholder(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "'" || char === '"' || char === '`') {
      index = endOfString(text, index);
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') {
      if (depth === 0) return index + 1;
      depth -= 1;
    }
    index += 1;
  }
  return index;
}

const LITERAL = /^(['"])([^'"\\]*)\1$|^`([^`$\\]*)`$/;
const TEMPLATE = /^`([^`$]*)\$\{/;
const TERNARY = /^[^?]+\?\s*(\S[\s\S]*?)\s*:\s*(\S[\s\S]*)$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A call's argument as the keys it can name: a literal, a template literal (its fixed start
 * is a prefix), each side of a conditional, or a local constant of one of those kinds.
 */
function classify(argument: string, text: string, depth = 0): KeyUse[] {
  const literal = LITERAL.exec(argument);
  if (literal) return [{ kind: 'key', key: literal[2] ?? literal[3]! }];
  const template = TEMPLATE.exec(argument);
  if (template) return [{ kind: 'prefix', prefix: template[1]!.replace(/\.$/, '') }];
  const ternary = TERNARY.exec(argument);
  if (ternary && depth < 3) {
    const sides = [ternary[1]!, ternary[2]!].map((side) => classify(side, text, depth + 1));
    if (sides.every((side) => side.every((use) => use.kind !== 'expression'))) return sides.flat();
  }
  if (IDENTIFIER.test(argument) && depth < 3) {
    const declared = new RegExp(`\\bconst ${argument.replace('$', '\\$')} = ([^;\\n]+);`);
    const value = declared.exec(text)?.[1];
    if (value) {
      const uses = classify(value.trim(), text, depth + 1);
      if (uses.every((use) => use.kind !== 'expression')) return uses;
    }
  }
  return [{ kind: 'expression', expression: argument }];
}

/** The string values of a property in a file: `label: 'nav.home'` gives `nav.home`. */
export function propertyValues(text: string, property: string): string[] {
  const pattern = new RegExp(`\\b${property}:\\s*'([^']+)'`, 'g');
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}
