import type { DeliveryReport } from '@monity/core';

/** The user variable that carries Monity's message id into Mailgun's webhooks. */
export const MESSAGE_ID_VARIABLE = 'monity-message-id';

/** The part of a webhook's `event-data` Monity reads. */
export interface EventData {
  event?: string;
  timestamp?: number;
  severity?: string;
  reason?: string;
  'delivery-status'?: { code?: number; message?: string; description?: string };
  message?: { headers?: { 'message-id'?: string } };
  'user-variables'?: Record<string, unknown>;
}

type Report = Omit<DeliveryReport, 'messageId'>;

/** Hard bounces: the address does not take mail, now or (suppressed) since an earlier bounce. */
const BOUNCES = new Set(['bounce', 'suppress-bounce']);

/**
 * What an event tells of a message. A temporary failure records nothing: Mailgun tries again
 * and reports the outcome later, delivered or failed for good. A complaint (the recipient
 * marked the mail as spam) is kept as delivered, with the complaint as its detail: the
 * contract has no status of its own for it yet.
 */
export function reportOf(event: EventData): Report | undefined {
  const at = new Date((event.timestamp ?? Date.now() / 1000) * 1000).toISOString();
  const status = event['delivery-status'];
  const said = [status?.code, status?.description || status?.message].filter(Boolean).join(' ');

  switch (event.event) {
    case 'delivered':
      return { status: 'delivered', at, ...(said ? { detail: said } : {}) };
    case 'opened':
      return { status: 'opened', at };
    case 'complained':
      return { status: 'delivered', at, detail: 'complained: the recipient marked it as spam' };
    case 'failed': {
      if (event.severity !== 'permanent') return undefined;
      const detail = [event.reason, said].filter(Boolean).join(': ');
      const bounced = BOUNCES.has(event.reason ?? '');
      return { status: bounced ? 'bounced' : 'failed', at, ...(detail ? { detail } : {}) };
    }
    default:
      return undefined;
  }
}

/** How the event names its message: Monity's id if it carries it, else Mailgun's. */
export function messageOf(
  event: EventData,
): { messageId: string } | { channel: string; providerMessageId: string } | undefined {
  const ours = event['user-variables']?.[MESSAGE_ID_VARIABLE];
  if (typeof ours === 'string' && ours) return { messageId: ours };
  const theirs = event.message?.headers?.['message-id'];
  return theirs ? { channel: 'mailgun', providerMessageId: `<${theirs}>` } : undefined;
}
