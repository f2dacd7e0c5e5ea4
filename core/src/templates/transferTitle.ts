import { pluralForm } from './amountWords.ts';
import type { TemplateLanguage } from './templateEvents.ts';

/** Characters a Polish transfer title holds: four lines of 35 (Elixir, and so every bank). */
export const TRANSFER_TITLE_LENGTH = 140;

const SEPARATOR = ', ';

/** "i 3 inne" — the invoices a title had no room for. Faktura is feminine: 1 inna, 5 innych. */
function leftOut(count: number, language: TemplateLanguage): string {
  if (language === 'en') return `and ${count} more`;
  return `i ${count} ${pluralForm(count, ['inna', 'inne', 'innych'], 'pl')}`;
}

const lengthOf = (text: string) => [...text].length;

/**
 * The invoice numbers a debtor should type into the transfer, in the order given (oldest due
 * first): as many as fit in 140 characters, followed by how many were left out —
 * "FV/1/2026, FV/2/2026 i 3 inne". A single number longer than a title is cut.
 */
export function transferTitle(numbers: readonly string[], language: TemplateLanguage): string {
  const all = numbers.join(SEPARATOR);
  if (lengthOf(all) <= TRANSFER_TITLE_LENGTH) return all;

  let shown = 0;
  let prefix = 0;
  for (const number of numbers) {
    const next = prefix + (shown > 0 ? SEPARATOR.length : 0) + lengthOf(number);
    const suffix = 1 + lengthOf(leftOut(numbers.length - shown - 1, language));
    if (next + suffix > TRANSFER_TITLE_LENGTH) break;
    shown += 1;
    prefix = next;
  }
  if (shown === 0) return [...numbers[0]!].slice(0, TRANSFER_TITLE_LENGTH).join('');
  return `${numbers.slice(0, shown).join(SEPARATOR)} ${leftOut(numbers.length - shown, language)}`;
}
