import type { TemplateDraft } from '../templateEvents.ts';
import { englishStarters } from './startersEn.ts';
import { polishStarters } from './startersPl.ts';

/** A ready-made template to start from; saving it is `POST /api/templates` with its draft. */
export interface StarterTemplate extends TemplateDraft {
  /** Stable across releases: `reminder-email-pl`, `final_demand-sms-en`. */
  id: string;
}

/**
 * Reminder, demand for payment and final demand, by e-mail, SMS and voice, in Polish and
 * English: eighteen templates worded as a Polish accounts-receivable team writes them.
 */
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  ...polishStarters,
  ...englishStarters,
].map((draft) => ({ id: `${draft.kind}-${draft.medium}-${draft.language}`, ...draft }));
