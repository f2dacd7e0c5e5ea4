import type { Medium } from './channels.ts';
import type { Page, PageQuery } from './paging.ts';
import type { Transport } from './transport.ts';

/**
 * Where a message is: `awaiting_approval` while a collection step holds it for a collector
 * (`rejected` if they refuse it); `queued` before its channel took it (`retrying` after a
 * refusal that sent nothing, until its next attempt); `sent`, `refused` or `unknown` (the
 * channel did not say) as it answered; then what the provider reported: `delivered`, `opened`,
 * `bounced`, `failed`.
 */
export type MessageStatus =
  | 'awaiting_approval'
  | 'rejected'
  | 'queued'
  | 'retrying'
  | 'sent'
  | 'unknown'
  | 'refused'
  | 'delivered'
  | 'opened'
  | 'bounced'
  | 'failed';

/** Why it was sent: a channel test, by hand, or by a collection process. */
export type MessagePurpose = 'test' | 'manual' | 'process';

/** A message as the log lists it, with its latest status. */
export interface MessageSummary {
  id: string;
  medium: Medium;
  channel: string;
  /** Null when it went through the sandbox for want of an account. */
  accountId: string | null;
  to: string;
  /** E-mail only. */
  subject: string | null;
  purpose: MessagePurpose;
  customerId: string | null;
  currency: string | null;
  templateId: string | null;
  status: MessageStatus;
  statusAt: string;
  /** The channel's or provider's words on the latest status, such as a refusal's reason. */
  detail: string | null;
  createdAt: string;
}

export interface MessageStatusChange {
  status: MessageStatus;
  at: string;
  detail: string | null;
}

/** A message as it was sent, with every status it went through, oldest first. */
export interface Message extends MessageSummary {
  text: string;
  html: string | null;
  history: MessageStatusChange[];
}

export type ApprovalDecision = { decision: 'approve' } | { decision: 'reject'; reason?: string };

export interface MessageFilter {
  status?: MessageStatus;
  medium?: Medium;
  customerId?: string;
  purpose?: MessagePurpose;
}

/**
 * The message log: every message sent through any channel, newest first.
 *
 * @example
 * const { items, next } = await monity.messages.list({ status: 'refused', medium: 'sms' });
 * const message = await monity.messages.get(items[0].id);
 * console.log(message.history.map((h) => h.status)); // ['queued', 'refused']
 */
export function messageRoutes(http: Transport) {
  return {
    list: (filter: MessageFilter & PageQuery = {}) =>
      http.request<Page<MessageSummary>>('GET', '/api/messages', { query: { ...filter } }),
    get: (id: string) => http.request<Message>('GET', `/api/messages/${encodeURIComponent(id)}`),
    /**
     * A collector's decision on a message `awaiting_approval`: approved, it leaves (at once, or
     * when its step planned); rejected, never. A 409 answers a message that awaits no decision.
     */
    decide: (id: string, decision: ApprovalDecision) =>
      http.request<void>('POST', `/api/messages/${encodeURIComponent(id)}/approval`, {
        body: decision,
      }),
  };
}
