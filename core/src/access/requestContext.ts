import type { Clock } from '../clock.ts';
import type { TenantDatabase, TenantTransaction } from '../database/tenantDatabase.ts';
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

/** Runs `work` in a transaction of the tenant the request's principal acts in. */
export function inPrincipalTenant<T>(
  ctx: HttpContext,
  work: (tx: TenantTransaction, tenantId: string) => Promise<T>,
): Promise<T> {
  const { tenantId } = principalOf(ctx);
  const tenantDb = ctx.state.container.resolve<TenantDatabase>('tenantDb');
  return tenantDb.transaction({ tenantId }, (tx) => work(tx, tenantId));
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
