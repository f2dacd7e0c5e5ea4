import type { FieldError } from '@monity/sdk';

export type TemplateField = 'subject' | 'html' | 'text';

/** One problem of a template's field, with where it is when Liquid knows. */
export interface TemplateProblem {
  line?: number;
  column?: number;
  message: string;
}

const FIELDS = new Set<string>(['subject', 'html', 'text']);
const POSITIONED = /^line (\d+), column (\d+): (.*)$/s;

/**
 * The API's refusals of a draft, by the field they name (`/body/html` → `html`), each with its
 * line and column read out of `line 3, column 14: undefined filter: mony`. Refusals of other
 * fields (`/body/name`, `/body/customerId`) are in `other`, keyed by field.
 */
export function templateProblems(errors: FieldError[]): {
  fields: Partial<Record<TemplateField, TemplateProblem[]>>;
  other: Record<string, string>;
} {
  const fields: Partial<Record<TemplateField, TemplateProblem[]>> = {};
  const other: Record<string, string> = {};
  for (const { pointer, message } of errors) {
    const field = pointer.split('/').filter(Boolean).slice(1).join('.');
    if (!FIELDS.has(field)) {
      other[field] ??= message;
      continue;
    }
    const positioned = POSITIONED.exec(message);
    const problem = positioned
      ? { line: Number(positioned[1]), column: Number(positioned[2]), message: positioned[3]! }
      : { message };
    (fields[field as TemplateField] ??= []).push(problem);
  }
  return { fields, other };
}

/** Where line `line`, column `column` (both from 1, as Liquid counts) is in `source`. */
export function offsetAt(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const end = source.indexOf('\n', offset);
    if (end < 0) return source.length;
    offset = end + 1;
  }
  const lineEnd = source.indexOf('\n', offset);
  const length = (lineEnd < 0 ? source.length : lineEnd) - offset;
  return offset + Math.min(Math.max(column - 1, 0), length);
}
