import type { DeliveryReport } from '@monity/core';

/**
 * SMSAPI's delivery statuses (its "lista statusów doręczenia") that end a message's way. The
 * others say it is still on its way (403 SENT, 409 QUEUE, 410 ACCEPTED, 411 RENEWAL) or that
 * SMSAPI knows nothing (401 NOT_FOUND, 408 UNKNOWN): those record nothing.
 */
const FINAL: Record<string, DeliveryReport['status']> = {
  '404': 'delivered',
  '402': 'failed', // EXPIRED: the network gave up before the phone was reached
  '405': 'failed', // UNDELIVERED
  '406': 'failed', // FAILED
  '407': 'failed', // REJECTED
  '412': 'failed', // STOP: sending stopped
};

export function reportStatusOf(code: string): DeliveryReport['status'] | undefined {
  return FINAL[code];
}
