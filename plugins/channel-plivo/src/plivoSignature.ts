import { createHmac, timingSafeEqual } from 'node:crypto';

/** A callback's form fields, each with all its values. */
export type CallbackParams = Record<string, string[]>;

export interface SignatureHeaders {
  v3?: string;
  v3Nonce?: string;
  v2?: string;
  v2Nonce?: string;
}

/**
 * Plivo's V3 signature of a POST: HMAC-SHA256 with the auth token, base64, over the full URL
 * (its query sorted), then the form fields sorted by name, each name followed by its values,
 * then `.` and the nonce. The layout follows Plivo's reference, `validateV3Signature` of the
 * `plivo` package, which the tests hold this to.
 */
export function signatureV3(
  authToken: string,
  url: string,
  nonce: string,
  params: CallbackParams,
): string {
  const parsed = new URL(url);
  const query = sortedQuery(parsed.searchParams);
  const fields = Object.keys(params).length > 0;
  let signed = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (query || fields) signed += `?${query}`;
  if (query && fields) signed += '.';
  signed += sortedFields(params);
  return hmac(authToken, `${signed}.${nonce}`);
}

/** Plivo's V2 signature: the URL without its query, then the nonce. It covers no field. */
export function signatureV2(authToken: string, url: string, nonce: string): string {
  const parsed = new URL(url);
  return hmac(authToken, `${parsed.protocol}//${parsed.host}${parsed.pathname}${nonce}`);
}

/**
 * Checks a callback's signature: V3 when Plivo sent one (it may list several, comma-separated),
 * else V2. Returns the nonce it was signed with, for the replay guard, or `undefined`.
 */
export function verifiedNonce(
  authToken: string,
  url: string,
  params: CallbackParams,
  headers: SignatureHeaders,
): string | undefined {
  if (headers.v3 !== undefined) {
    if (!headers.v3Nonce) return undefined;
    const expected = signatureV3(authToken, url, headers.v3Nonce, params);
    return anyEqual(headers.v3.split(','), expected) ? headers.v3Nonce : undefined;
  }
  if (headers.v2 === undefined || !headers.v2Nonce) return undefined;
  const expected = signatureV2(authToken, url, headers.v2Nonce);
  return anyEqual([headers.v2], expected) ? headers.v2Nonce : undefined;
}

function anyEqual(candidates: string[], expected: string): boolean {
  const wanted = Buffer.from(expected);
  // Every candidate is compared, so the time taken does not tell which one matched.
  return candidates
    .map((candidate) => Buffer.from(candidate.trim()))
    .reduce((found, given) => {
      const same = given.length === wanted.length && timingSafeEqual(given, wanted);
      return same || found;
    }, false);
}

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('base64');
}

function sortedQuery(search: URLSearchParams): string {
  const params: CallbackParams = {};
  search.forEach((value, key) => (params[key] ??= []).push(value));
  return Object.keys(params)
    .sort()
    .flatMap((key) => [...params[key]!].sort().map((value) => `${key}=${value}`))
    .join('&');
}

function sortedFields(params: CallbackParams): string {
  return Object.keys(params)
    .sort()
    .flatMap((key) => [...params[key]!].sort().map((value) => `${key}${value}`))
    .join('');
}
