import type { Clock } from '../clock.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import type { Actor } from '../eventStore/index.ts';
import type { CommandContext } from './commandContext.ts';
import type { Principal } from './principal.ts';

/** The principal of a route that requires one (its access rule has already checked it). */
export function principalOf(ctx: HttpContext): Principal {
  const principal = ctx.state.principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
}

/** Command context of a request, acting as its principal or as `actor` when given. */
export function commandContextOf(ctx: HttpContext, actor?: Actor): CommandContext {
  const principal = ctx.state.principal;
  return {
    actor: actor ?? (principal ? { kind: principal.kind, id: principal.id } : systemActor),
    requestId: ctx.state.requestId,
    ip: ctx.ip,
    clock: ctx.state.container.resolve<Clock>('clock'),
  };
}

const systemActor: Actor = { kind: 'system', id: 'monity' };
