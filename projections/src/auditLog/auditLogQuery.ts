import type { TenantTransaction } from '@monity/core';
import { AUDIT_LOG_TABLE } from './auditLogProjection.ts';

export interface AuditLogFilter {
  actorId?: string;
  action?: string;
  /** `YYYY-MM-DD`, inclusive, in the tenant's time zone. */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string; name: string };
  action: string;
  summary: string;
  requestId: string | null;
  ip: string | null;
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  summary: string;
  request_id: string | null;
  ip: string | null;
  cursor: string;
}

/**
 * One page of a tenant's audit log, newest first, after the cursor `transaction:position`.
 * Actors are named as they are named now: a person's current name, a key's name.
 */
export async function readAuditLog(
  tx: TenantTransaction,
  tenantId: string,
  filter: AuditLogFilter & { after?: string; limit: number },
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const [afterTx, afterPos] = filter.after?.split(':') ?? [];
  const { rows } = await tx.query<AuditRow>(
    `SELECT a.event_id AS id, a.occurred_at, a.actor_kind, a.actor_id, a.action, a.summary,
       a.request_id, a.ip, coalesce(u.name, k.name) AS actor_name,
       a.transaction_id::text || ':' || a.position AS cursor
     FROM ${AUDIT_LOG_TABLE} a
     JOIN tenants t ON t.id = a.tenant_id
     LEFT JOIN users u ON a.actor_kind = 'user' AND u.id::text = a.actor_id
     LEFT JOIN api_keys k ON a.actor_kind = 'api_key' AND k.id::text = a.actor_id
     WHERE a.tenant_id = $1
       AND ($2::text IS NULL OR a.actor_id = $2)
       AND ($3::text IS NULL OR a.action = $3)
       AND ($4::date IS NULL OR a.occurred_at >= $4::date::timestamp AT TIME ZONE t.time_zone)
       AND ($5::date IS NULL
         OR a.occurred_at < ($5::date + 1)::timestamp AT TIME ZONE t.time_zone)
       AND ($6::text IS NULL OR (a.transaction_id, a.position) < ($6::xid8, $7::bigint))
     ORDER BY a.transaction_id DESC, a.position DESC
     LIMIT $8`,
    [
      tenantId,
      filter.actorId ?? null,
      filter.action ?? null,
      filter.from ?? null,
      filter.to ?? null,
      afterTx ?? null,
      afterPos ?? null,
      filter.limit + 1,
    ],
  );
  const page = rows.slice(0, filter.limit);
  return {
    entries: page.map(toEntry),
    next: rows.length > filter.limit ? page.at(-1)!.cursor : null,
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: {
      kind: row.actor_kind,
      id: row.actor_id,
      name: row.actor_name ?? (row.actor_kind === 'system' ? 'Monity' : row.actor_id),
    },
    action: row.action,
    summary: row.summary,
    requestId: row.request_id,
    ip: row.ip,
  };
}
