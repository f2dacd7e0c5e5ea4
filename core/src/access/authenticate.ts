import { asValue } from 'awilix';
import { UnauthenticatedError } from '../errors.ts';
import type { AppContext, HttpMiddleware } from '../http/appState.ts';
import type { Authenticator } from './authenticator.ts';

const SESSION_COOKIE = 'monity_session';

/**
 * Puts the request's principal, if any, on `ctx.state` and in its scope. A request may carry an
 * API key (`Authorization: Bearer mk_…`) or a session cookie; a key that is not valid is refused
 * at once, a stale cookie is dropped and the request goes on unauthenticated.
 */
export function authenticate(): HttpMiddleware {
  return async (ctx, next) => {
    // Only the API needs a principal: the web application's pages and assets cost no lookup.
    if (!ctx.path.startsWith('/api/')) return next();
    const authenticator = ctx.state.container.resolve<Authenticator>('authenticator');
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    const cookie = ctx.cookies.get(SESSION_COOKIE);
    if (bearer) {
      ctx.state.principal = await authenticator.byApiKey(bearer);
      if (!ctx.state.principal) throw new UnauthenticatedError('The API key is not valid.');
    } else if (cookie) {
      ctx.state.principal = await authenticator.bySession(cookie);
      if (!ctx.state.principal) clearSessionCookie(ctx);
    }
    ctx.state.container.register({ principal: asValue(ctx.state.principal) });
    await next();
  };
}

export function setSessionCookie(ctx: AppContext, cookie: string, expires: Date): void {
  ctx.cookies.set(SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    expires,
    overwrite: true,
  });
}

export function clearSessionCookie(ctx: AppContext): void {
  ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'lax', overwrite: true });
}
