import {
  dayIn,
  inPrincipalTenant,
  type Clock,
  type HttpContext,
  type TenantTransaction,
} from '@monity/core';

async function timeZoneOf(tx: TenantTransaction, tenantId: string) {
  const { rows } = await tx.query<{ time_zone: string }>(
    'SELECT time_zone FROM tenants WHERE id = $1',
    [tenantId],
  );
  return rows[0]?.time_zone ?? 'Europe/Warsaw';
}

/** Runs a read in the principal's tenant, knowing the tenant's today from the injected clock. */
export function reading<T>(
  ctx: HttpContext,
  work: (tx: TenantTransaction, tenantId: string, today: string) => Promise<T>,
) {
  const clock = ctx.state.container.resolve<Clock>('clock');
  return inPrincipalTenant(ctx, async (tx, tenantId) =>
    work(tx, tenantId, dayIn(await timeZoneOf(tx, tenantId), clock)),
  );
}

/** The principal's tenant and its time zone, for work that runs outside the request's read. */
export function principalTenant(ctx: HttpContext) {
  return inPrincipalTenant(ctx, async (tx, tenantId) => ({
    id: tenantId,
    timeZone: await timeZoneOf(tx, tenantId),
  }));
}
