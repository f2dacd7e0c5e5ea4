import { accessEventTypes, type RecordedEvent } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { auditSummary } from './auditSummary.ts';

export const AUDIT_LOG_TABLE = 'rm_audit_log';

/**
 * Who did what and when, one row per event of the access domain, in the log's global order.
 * The table is a tenant's like any other: row-level security forced, readable by the
 * application role only within its tenant (docs/security.md).
 */
export const auditLogProjection: Projection = {
  name: 'audit_log',
  version: 1,
  eventTypes: accessEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: AUDIT_LOG_TABLE,
      create: (t) => [
        sql.unsafe`
          CREATE TABLE ${t()} (
            event_id uuid NOT NULL,
            tenant_id uuid NOT NULL,
            transaction_id xid8 NOT NULL,
            position bigint NOT NULL,
            occurred_at timestamptz NOT NULL,
            actor_kind text NOT NULL,
            actor_id text NOT NULL,
            action text NOT NULL,
            stream_id text NOT NULL,
            summary text NOT NULL,
            request_id text,
            ip text,
            CONSTRAINT ${t('pkey')} PRIMARY KEY (event_id)
          )`,
        sql.unsafe`CREATE INDEX ${t('by_tenant')}
          ON ${t()} (tenant_id, transaction_id DESC, position DESC)`,
        sql.unsafe`ALTER TABLE ${t()} ENABLE ROW LEVEL SECURITY`,
        sql.unsafe`ALTER TABLE ${t()} FORCE ROW LEVEL SECURITY`,
        sql.unsafe`CREATE POLICY tenant_rows ON ${t()} USING (tenant_id = current_tenant_id())`,
        sql.unsafe`GRANT SELECT ON ${t()} TO monity_app`,
      ],
    },
  ],
  async apply(events, { tx, table }) {
    const column = <T>(pick: (event: RecordedEvent) => T) => events.map(pick);
    await tx.query(sql.unsafe`
      INSERT INTO ${table(AUDIT_LOG_TABLE)} (event_id, tenant_id, transaction_id, position,
        occurred_at, actor_kind, actor_id, action, stream_id, summary, request_id, ip)
      SELECT e.id, e.tenant, e.tx::xid8, e.pos, e.at, e.kind, e.actor, e.action, e.stream,
        e.summary, e.request, e.ip
      FROM unnest(
        ${sql.array(
          column((e) => e.id),
          'uuid',
        )},
        ${sql.array(
          column((e) => e.tenantId),
          'uuid',
        )},
        ${sql.array(
          column((e) => e.position.transaction.toString()),
          'text',
        )},
        ${sql.array(
          column((e) => e.position.sequence.toString()),
          'int8',
        )},
        ${sql.array(
          column((e) => e.metadata.occurredAt),
          'timestamptz',
        )},
        ${sql.array(
          column((e) => e.metadata.actor.kind),
          'text',
        )},
        ${sql.array(
          column((e) => e.metadata.actor.id),
          'text',
        )},
        ${sql.array(
          column((e) => e.type),
          'text',
        )},
        ${sql.array(
          column((e) => e.streamId),
          'text',
        )},
        ${sql.array(column(auditSummary), 'text')},
        ${sql.array(
          column((e) => e.metadata.requestId ?? null),
          'text',
        )},
        ${sql.array(
          column((e) => e.metadata.ip ?? null),
          'text',
        )}
      ) AS e(id, tenant, tx, pos, at, kind, actor, action, stream, summary, request, ip)`);
  },
};
