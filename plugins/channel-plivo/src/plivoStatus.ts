import type { DeliveryReport } from '@monity/core';
import { field } from './signedCallback.ts';
import type { CallbackParams } from './plivoSignature.ts';

type Report = Omit<DeliveryReport, 'messageId'>;

/**
 * An SMS status callback: `delivered`, or one of the failures. `queued` and `sent` tell of a
 * message still on its way and record nothing. Plivo's SMS callbacks carry no time of their
 * own, so the report is dated when it arrives.
 */
export function messageReport(params: CallbackParams, now: Date): Report | undefined {
  const status = field(params, 'Status');
  const errorCode = field(params, 'ErrorCode');
  const detail = [status, errorCode && errorCode !== '000' ? `error ${errorCode}` : undefined]
    .filter(Boolean)
    .join(', ');
  const at = now.toISOString();
  if (status === 'delivered') return { status: 'delivered', at, detail };
  if (status === 'failed' || status === 'undelivered' || status === 'rejected') {
    return { status: 'failed', at, detail };
  }
  return undefined;
}

/**
 * A call's hangup callback. A call that was answered counts as delivered (an answering machine
 * too: Monity asks Plivo for no machine detection); busy, no answer, a failed or cancelled call
 * count as failed.
 */
export function callReport(params: CallbackParams, now: Date): Report {
  const answered = Boolean(field(params, 'AnswerTime')) || Number(field(params, 'Duration')) > 0;
  const status = field(params, 'CallStatus') ?? 'unknown';
  const cause = field(params, 'HangupCauseName') ?? field(params, 'HangupCause');
  return {
    status: status === 'completed' && answered ? 'delivered' : 'failed',
    at: plivoTime(field(params, 'EndTime')) ?? now.toISOString(),
    detail: [status, cause].filter(Boolean).join(', '),
  };
}

// Plivo writes times as `2025-12-04 10:15:00`, in UTC.
function plivoTime(text: string | undefined): string | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  return new Date(`${text.replace(' ', 'T')}Z`).toISOString();
}
