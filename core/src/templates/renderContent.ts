import { ValidationError, type FieldError } from '../errors.ts';
import { sanitiseEmailHtml, textOfHtml } from './htmlMessage.ts';
import { liquidFieldError, renderField, type TemplateField } from './templateEngine.ts';
import type { TemplateContent } from './templateEvents.ts';
import type { TemplateVariables } from './templateVariables.ts';

/** One message as its recipient gets it. */
export interface RenderedContent {
  /** E-mail only. */
  subject?: string;
  /** E-mail only: sanitised, as a recipient's mail client shows it. */
  html?: string;
  /** The SMS, the words a call speaks, or the e-mail's plain-text part. */
  text: string;
}

/**
 * Largest rendered field, in characters: the starters' table of nine thousand invoices fits, in
 * a message mail providers still accept (most take 10–25 MB).
 */
const RENDERED_LIMIT = 5_000_000;

/**
 * Lines without trailing blanks and at most one empty line between paragraphs: the blank
 * lines Liquid's tags leave behind would otherwise cost SMS characters and read as pauses.
 */
function tidyText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Renders a template's fields with one message's variables. A Liquid failure (a filter given
 * the wrong value, a loop over its time limit) is a `ValidationError` naming the field under
 * `pointer` with its line and column.
 */
export function renderContent(
  content: TemplateContent,
  variables: TemplateVariables,
  pointer = '',
): RenderedContent {
  const settings = { currency: variables.currency, language: content.language };
  const errors: FieldError[] = [];
  const render = (field: TemplateField) => {
    const source = content[field];
    if (source === undefined) return undefined;
    try {
      const output = renderField(field, source, variables, settings);
      if (output.length > RENDERED_LIMIT) {
        errors.push({
          pointer: `${pointer}/${field}`,
          message: 'renders longer than 5 million characters',
        });
      }
      return output;
    } catch (error) {
      errors.push(liquidFieldError(error, `${pointer}/${field}`));
      return undefined;
    }
  };
  const subject = render('subject');
  const html = render('html');
  const text = render('text');
  if (errors.length > 0) throw new ValidationError('The template could not be rendered', errors);

  // A no-break space (Intl's in "1 234,56 zł") is not in GSM 03.38: one would make the SMS
  // UCS-2, at less than half the characters a part.
  if (content.medium === 'sms')
    return { text: tidyText(text ?? '').replace(/[\u00a0\u202f]/g, ' ') };
  if (content.medium !== 'email') return { text: tidyText(text ?? '') };
  const clean = sanitiseEmailHtml(html ?? '');
  return {
    // Line breaks a tag left behind, not the no-break spaces of amounts.
    subject: (subject ?? '').replace(/[ \t\r\n]+/g, ' ').trim(),
    html: clean,
    text: tidyText(text ?? textOfHtml(clean)),
  };
}
