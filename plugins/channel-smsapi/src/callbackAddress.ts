import { createHmac, timingSafeEqual } from 'node:crypto';

export const CALLBACK_PATH = '/api/webhooks/smsapi/:accountId/:token';

/**
 * SMSAPI signs no callback, so the address it calls carries a secret of the account instead:
 * an HMAC of the account's id keyed with its OAuth token. Only SMSAPI (which holds the token's
 * account) and Monity know it; a new token makes a new address.
 */
export function callbackToken(oauthToken: string, accountId: string): string {
  return createHmac('sha256', oauthToken)
    .update(`monity-smsapi-callback:${accountId}`)
    .digest('base64url');
}

export function isCallbackToken(given: string, oauthToken: string, accountId: string): boolean {
  const expected = Buffer.from(callbackToken(oauthToken, accountId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Where SMSAPI sends the delivery reports of one account's messages. */
export function notifyUrl(publicUrl: string, accountId: string, oauthToken: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const path = CALLBACK_PATH.replace(':accountId', encodeURIComponent(accountId));
  return `${base}${path.replace(':token', callbackToken(oauthToken, accountId))}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * SMSAPI's `idx` takes letters and digits only (at most 255): a message's UUID loses its
 * hyphens, and gets them back when a report names it. Other ids are passed on if they fit.
 */
export function idxOf(messageId: string): string | undefined {
  if (UUID.test(messageId)) return messageId.replaceAll('-', '').toLowerCase();
  return /^[0-9a-z]{1,255}$/i.test(messageId) ? messageId : undefined;
}

export function messageIdOfIdx(idx: string): string {
  if (!/^[0-9a-f]{32}$/i.test(idx)) return idx;
  const parts = [idx.slice(0, 8), idx.slice(8, 12), idx.slice(12, 16), idx.slice(16, 20)];
  return [...parts, idx.slice(20)].join('-');
}
