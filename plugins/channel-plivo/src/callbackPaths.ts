/**
 * The addresses Plivo calls back. Each names the account (whose auth token signs the call) and
 * Monity's message: Plivo signs the whole address, so the message a callback is about cannot be
 * swapped, and it is found even when sending ended without Plivo's id (an unknown outcome).
 */
export const CALLBACK_PATHS = {
  status: '/api/webhooks/plivo/:accountId/status/:messageId',
  answer: '/api/webhooks/plivo/:accountId/answer/:messageId',
  hangup: '/api/webhooks/plivo/:accountId/hangup/:messageId',
} as const;

export type CallbackKind = keyof typeof CALLBACK_PATHS;

export function callbackUrl(
  kind: CallbackKind,
  publicUrl: string,
  ids: { accountId: string; messageId: string },
): string {
  const path = CALLBACK_PATHS[kind]
    .replace(':accountId', encodeURIComponent(ids.accountId))
    .replace(':messageId', encodeURIComponent(ids.messageId));
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
