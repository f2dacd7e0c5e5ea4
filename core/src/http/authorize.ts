import type { Permission } from '../access/roles.ts';
import { sameSecret } from '../access/secrets.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { HttpContext } from './appState.ts';

export type RouteAccess = 'public' | 'authenticated' | Permission;

const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Enforces a route's access rule. Writes authenticated by a session cookie must also send the
 * session's CSRF token in `X-CSRF-Token`, which another site cannot read; API keys need none.
 */
export function authorize(ctx: HttpContext, access: RouteAccess): void {
  if (access === 'public') return;
  const principal = ctx.state.principal;
  if (!principal) throw new UnauthenticatedError();
  if (principal.session && !SAFE_METHODS.has(ctx.method)) {
    const token = ctx.get(CSRF_HEADER);
    if (!token || !sameSecret(token, principal.session.csrfToken)) {
      throw new ForbiddenError('The request lacks the session CSRF token.', 'csrf_failed');
    }
  }
  if (access !== 'authenticated' && !principal.permissions.includes(access)) {
    throw new ForbiddenError(`Your role (${principal.role}) may not do this.`);
  }
}
