import {
  dayIn,
  inPrincipalTenant,
  type Clock,
  type HttpContext,
  type TenantTransaction,
} from '@monity/core';

/** Runs a read in the principal's tenant, knowing the tenant's today from the injected clock. */
export function reading<T>(
  ctx: HttpContext,
  work: (tx: TenantTransaction, tenantId: string, today: string) => Promise<T>,
) {
  const clock = ctx.state.container.resolve<Clock>('clock');
  return inPrincipalTenant(ctx, async (tx, tenantId) => {
    const { rows } = await tx.query<{ time_zone: string }>(
      'SELECT time_zone FROM tenants WHERE id = $1',
      [tenantId],
    );
    return work(tx, tenantId, dayIn(rows[0]?.time_zone ?? 'Europe/Warsaw', clock));
  });
}
