import type { PromiseToPay } from '@monity/sdk';

/** A promise to pay as its form holds it: every field text, empty when not filled in. */
export interface PromiseDraft {
  until: string;
  amount: string;
  currency: string;
  note: string;
}

/**
 * The request a promise's form makes: empty fields left out, spaces taken out of the amount
 * ("1 200,50" as people type it), and a currency only with an amount.
 */
export function promiseBody(draft: PromiseDraft): PromiseToPay {
  const amount = draft.amount.replace(/\s/g, '');
  const note = draft.note.trim();
  return {
    until: draft.until,
    ...(amount ? { amount, currency: draft.currency.trim().toUpperCase() } : {}),
    ...(note ? { note } : {}),
  };
}

/** The first day a promise may name, from the API's refusal of a day gone by. */
export function earliestDay(message: string | undefined): string | null {
  return message?.match(/^must be (\d{4}-\d{2}-\d{2}) or later$/)?.[1] ?? null;
}

/** The order a step's messages show in: waiting first, then as a message moves on. */
const STEP_MESSAGE_STATUSES = [
  'awaiting_approval',
  'queued',
  'retrying',
  'sent',
  'delivered',
  'opened',
  'unknown',
  'bounced',
  'failed',
  'refused',
  'rejected',
] as const;

/** The statuses a step has messages in, with how many, in the order above. */
export function statusCounts(messages: Partial<Record<string, number>>) {
  return STEP_MESSAGE_STATUSES.filter((status) => (messages[status] ?? 0) > 0).map((status) => ({
    status,
    n: messages[status]!,
  }));
}
