import { ValidationError, type FieldError } from '../errors.ts';
import { renderContent } from './renderContent.ts';
import { at, globalVariablesOf, liquidFieldError, parseField } from './templateEngine.ts';
import type { TemplateField } from './templateEngine.ts';
import type { TemplateContent } from './templateEvents.ts';
import { sampleVariables, TEMPLATE_VARIABLES } from './templateVariables.ts';

const FIELDS_BY_MEDIUM = {
  email: { required: ['subject', 'html'], allowed: ['subject', 'html', 'text'] },
  sms: { required: ['text'], allowed: ['text'] },
  voice: { required: ['text'], allowed: ['text'] },
} as const satisfies Record<string, { required: TemplateField[]; allowed: TemplateField[] }>;

/** Every path a variable reference may take, `[]` standing for any item of a list. */
const KNOWN_PATHS = new Set(
  TEMPLATE_VARIABLES.flatMap(({ path }) =>
    path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ).flatMap((path) => (path.endsWith('[]') ? [path.slice(0, -2), path] : [path])),
);

/** Liquid's own properties of any list (`first`, `last`, `size`) and of any text (`size`). */
function unknownPath(segments: readonly unknown[]): string | undefined {
  let path = '';
  for (const segment of segments) {
    const isList = KNOWN_PATHS.has(`${path}[]`);
    if (path !== '' && segment === 'size') return undefined;
    const next =
      isList && (typeof segment !== 'string' || segment === 'first' || segment === 'last')
        ? `${path}[]`
        : typeof segment === 'string'
          ? path === ''
            ? segment
            : `${path}.${segment}`
          : undefined;
    if (next === undefined || !KNOWN_PATHS.has(next)) return displayed(segments);
    path = next;
  }
  return undefined;
}

const displayed = (segments: readonly unknown[]) =>
  segments.map((s) => (typeof s === 'string' ? s : '[…]')).join('.');

/**
 * The errors of one field's source: its Liquid syntax, then every variable it names outside
 * the documented list — in any branch, taken or not, which a sample render alone would miss.
 */
function staticErrors(field: TemplateField, source: string, pointer: string): FieldError[] {
  try {
    parseField(field, source);
  } catch (error) {
    return [liquidFieldError(error, pointer)];
  }
  return globalVariablesOf(field, source).flatMap((variable) => {
    const unknown = unknownPath(variable.segments);
    if (unknown === undefined) return [];
    const { row, col } = variable.location;
    return [{ pointer, message: at(row, col, `unknown variable ${unknown}`) }];
  });
}

/**
 * Checks a template before it is saved or previewed; throws a `ValidationError` listing each
 * field's problems with their line and column. Fields are parsed and their variables checked
 * against the documented list; then the template is rendered once against a sample message,
 * which catches what only running shows: a wrong property of a loop's item, a filter given
 * text for an amount, a loop over the render's time limit.
 *
 * Known shortcoming (docs/templates.md): a mistake inside a branch the sample does not take, on
 * a variable the template made itself (`{% for i in invoices %}{% if i.overdue %}{{ i.nmber }}`),
 * is found only when a message takes that branch; the message then fails to render rather than
 * going out with a blank.
 */
export function checkTemplate(content: TemplateContent, pointer = '/body'): void {
  const { required, allowed } = FIELDS_BY_MEDIUM[content.medium];
  const errors: FieldError[] = [];
  for (const field of ['subject', 'html', 'text'] as const) {
    const source = content[field];
    const at = `${pointer}/${field}`;
    if (source === undefined) {
      if ((required as readonly string[]).includes(field)) {
        errors.push({ pointer: at, message: `a template for ${content.medium} needs ${field}` });
      }
    } else if (!(allowed as readonly string[]).includes(field)) {
      errors.push({ pointer: at, message: `a template for ${content.medium} has no ${field}` });
    } else {
      errors.push(...staticErrors(field, source, at));
    }
  }
  if (errors.length > 0) throw new ValidationError('The template has errors', errors);
  renderContent(content, sampleVariables(content.language), pointer);
}
