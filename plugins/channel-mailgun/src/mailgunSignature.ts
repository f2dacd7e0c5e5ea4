import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `signature` object of a Mailgun webhook. */
export interface WebhookSignature {
  timestamp: string;
  token: string;
  signature: string;
}

/** How old a webhook may be, and how far ahead of Monity's clock, in seconds. */
const MAX_AGE_SECONDS = 5 * 60;
const MAX_SKEW_SECONDS = 30;

/**
 * Mailgun's signature: HMAC-SHA256 with the webhook signing key over the timestamp followed by
 * the token, in hex. It covers neither the event nor the address, which is why the token may
 * be used once only and the timestamp must be recent.
 */
export function signatureOf(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest('hex');
}

export function isSigned(signingKey: string, given: WebhookSignature): boolean {
  const expected = Buffer.from(signatureOf(signingKey, given.timestamp, given.token), 'hex');
  const actual = Buffer.from(given.signature, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function isFresh(timestamp: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const age = now.getTime() / 1000 - Number(timestamp);
  return age <= MAX_AGE_SECONDS && age >= -MAX_SKEW_SECONDS;
}
