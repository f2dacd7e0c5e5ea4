import { MonityError, type Deliveries, type HttpContext } from '@monity/core';
import { verifiedNonce, type CallbackParams } from './plivoSignature.ts';
import { readPlivoSettings, type PlivoSettings } from './plivoSettings.ts';

/** What a callback whose signature held tells: whose it is, and its form fields. */
export interface SignedCallback {
  tenantId: string;
  settings: PlivoSettings;
  params: CallbackParams;
}

/**
 * Plivo sends no time with its signatures, so a nonce is remembered long after any retry of
 * Plivo's; a report replayed later still changes nothing, as Monity records each report once.
 */
const NONCE_TTL_SECONDS = 7 * 24 * 3600;
const BODY_LIMIT = 64 * 1024;

/**
 * Reads a Plivo callback and proves it is Plivo's: the named account's auth token must sign
 * the address Plivo called (Monity's public address and the path) with the form's fields, and
 * the nonce must be new. Anything else is refused with 403, before any record is touched.
 */
export async function readSignedCallback(
  ctx: HttpContext,
  deliveries: Deliveries,
  publicUrl: string | undefined,
  accountId: string,
): Promise<SignedCallback> {
  const params = await readForm(ctx);
  const account = await deliveries.account(accountId);
  if (!account || account.channel !== 'plivo') throw refused();

  const settings = readPlivoSettings(account.settings);
  const url = `${(publicUrl ?? ctx.origin).replace(/\/+$/, '')}${ctx.originalUrl}`;
  const nonce = verifiedNonce(settings.authToken, url, params, {
    v3: ctx.get('x-plivo-signature-v3') || undefined,
    v3Nonce: ctx.get('x-plivo-signature-v3-nonce') || undefined,
    v2: ctx.get('x-plivo-signature-v2') || undefined,
    v2Nonce: ctx.get('x-plivo-signature-v2-nonce') || undefined,
  });
  if (!nonce || !(await deliveries.firstSeen('plivo', nonce, NONCE_TTL_SECONDS))) {
    throw refused();
  }
  return { tenantId: account.tenantId, settings, params };
}

/** The first value of a form field. */
export function field(params: CallbackParams, name: string): string | undefined {
  return params[name]?.[0];
}

function refused(): MonityError {
  return new MonityError('callback_refused', 'The callback is not signed by Plivo.', 403);
}

async function readForm(ctx: HttpContext): Promise<CallbackParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new MonityError('body_too_large', 'The body is too large.', 413);
    chunks.push(chunk);
  }
  const params: CallbackParams = {};
  new URLSearchParams(Buffer.concat(chunks).toString('utf8')).forEach((value, key) => {
    (params[key] ??= []).push(value);
  });
  return params;
}
