import { Liquid, LiquidError, type Template } from 'liquidjs';
import type { FieldError } from '../errors.ts';
import {
  MESSAGE_SETTINGS,
  registerTemplateFilters,
  type MessageSettings,
} from './templateFilters.ts';
import type { TemplateVariables } from './templateVariables.ts';

/**
 * Limits of one template: Liquid refuses longer sources, renders running longer (a loop
 * within a loop over a large ledger) and renders allocating more than this many characters
 * and items, so no template can hold up a worker or fill its memory.
 */
const LIMITS = { parseLimit: 200_000, renderLimit: 1_000, memoryLimit: 20_000_000 } as const;

/** Tags that read other files: templates are one self-contained text each. */
const FILE_TAGS = ['include', 'render', 'layout'];

function sandboxedEngine(outputEscape: 'escape' | undefined): Liquid {
  const liquid = new Liquid({
    ...LIMITS,
    // Unknown variables and filters are errors, not empty strings: a reminder must not go out
    // with a blank where its amount should be.
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // An empty in-memory file system, in case any tag still looks one up.
    templates: {},
    ...(outputEscape ? { outputEscape } : {}),
  });
  for (const tag of FILE_TAGS) {
    liquid.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available: a template cannot read other files`);
      },
      render() {},
    });
  }
  registerTemplateFilters(liquid);
  return liquid;
}

/** HTML escapes every value it outputs (`| raw` opts out); text and subjects keep them as is. */
const engines = { html: sandboxedEngine('escape'), text: sandboxedEngine(undefined) };

export type TemplateField = 'subject' | 'html' | 'text';

const engineOf = (field: TemplateField) => (field === 'html' ? engines.html : engines.text);

/** Parsed sources, most recently used last: a collection run renders one template many times. */
const parsed = new Map<string, Template[]>();
const PARSED_KEPT = 200;

/** Parses one field's source; throws Liquid's error, which knows the line and column. */
export function parseField(field: TemplateField, source: string): Template[] {
  const key = `${field}\u0000${source}`;
  const cached = parsed.get(key);
  if (cached) {
    parsed.delete(key);
    parsed.set(key, cached);
    return cached;
  }
  const templates = engineOf(field).parse(source);
  parsed.set(key, templates);
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  return templates;
}

export function renderField(
  field: TemplateField,
  source: string,
  variables: TemplateVariables,
  settings: MessageSettings,
): string {
  return engineOf(field).renderSync(parseField(field, source), variables, {
    globals: { [MESSAGE_SETTINGS]: settings },
  });
}

/** The global variables a field names, with where: `customer.name` at line 2, column 5. */
export function globalVariablesOf(field: TemplateField, source: string) {
  const analysis = engineOf(field).analyzeSync(parseField(field, source));
  return Object.values(analysis.globals).flat();
}

/**
 * A Liquid failure as a field error: `{ pointer: '/body/html', message: 'line 3, column 14:
 * undefined filter: mony' }`. Anything else is not the template's fault and is thrown again.
 */
export function liquidFieldError(error: unknown, pointer: string): FieldError {
  if (!(error instanceof LiquidError)) throw error;
  const original = error.originalError?.message ?? error.message;
  const message = original.replace(/, line:\d+, col:\d+$/, '');
  const [line, column] = error.token?.getPosition() ?? [];
  if (line === undefined || column === undefined) return { pointer, message };
  return { pointer, message: at(line, column, message) };
}

export const at = (line: number, column: number, message: string) =>
  `line ${line}, column ${column}: ${message}`;
