import { randomUUID } from 'node:crypto';

import type { HttpMiddleware } from './appState.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// An id from a proxy or client is trusted only if it is safe to log and echo verbatim.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Takes a sane incoming `X-Request-Id` or makes a UUID, and echoes it in the response. */
export function assignRequestId(): HttpMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get(REQUEST_ID_HEADER);
    ctx.state.requestId = SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set(REQUEST_ID_HEADER, ctx.state.requestId);

    await next();
  };
}
