import { groupEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const GROUPS = 'rm_groups';
export const GROUP_VERSIONS = 'rm_group_versions';

/** Collection groups as they stand, and every version each one had. */
export const groupProjection: Projection = {
  name: 'groups',
  version: 1,
  eventTypes: groupEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: GROUPS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          group_id uuid NOT NULL,
          name text NOT NULL,
          version integer NOT NULL,
          criteria jsonb NOT NULL,
          currency text,
          include_excluded boolean NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, group_id)
        )`,
        sql.unsafe`CREATE INDEX ${t('by_name')} ON ${t()} (tenant_id, lower(name), group_id)`,
        ...tenantOnly(t),
      ],
    },
    {
      name: GROUP_VERSIONS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          group_id uuid NOT NULL,
          version integer NOT NULL,
          name text NOT NULL,
          criteria jsonb NOT NULL,
          currency text,
          include_excluded boolean NOT NULL,
          changed_at timestamptz NOT NULL,
          changed_by text NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, group_id, version)
        )`,
        ...tenantOnly(t),
      ],
    },
  ],
  async apply(events, { tx, table }) {
    for (const event of events) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const d = event.data as Record<string, any>;
      const at = event.metadata.occurredAt;
      if (event.type === 'GroupRemoved') {
        await tx.query(sql.unsafe`DELETE FROM ${table(GROUPS)}
          WHERE tenant_id = ${event.tenantId} AND group_id = ${d.groupId}`);
        continue;
      }
      const criteria = sql.jsonb(d.criteria);
      const currency = d.currency ?? null;
      const by = `${event.metadata.actor.kind}:${event.metadata.actor.id}`;
      await tx.query(sql.unsafe`
        INSERT INTO ${table(GROUPS)} (tenant_id, group_id, name, version, criteria, currency,
          include_excluded, created_at, updated_at)
        VALUES (${event.tenantId}, ${d.groupId}, ${d.name}, ${event.streamVersion}, ${criteria},
          ${currency}, ${d.includeExcluded}, ${at}, ${at})
        ON CONFLICT (tenant_id, group_id) DO UPDATE SET name = excluded.name,
          version = excluded.version, criteria = excluded.criteria, currency = excluded.currency,
          include_excluded = excluded.include_excluded, updated_at = excluded.updated_at`);
      await tx.query(sql.unsafe`
        INSERT INTO ${table(GROUP_VERSIONS)} (tenant_id, group_id, version, name, criteria,
          currency, include_excluded, changed_at, changed_by)
        VALUES (${event.tenantId}, ${d.groupId}, ${event.streamVersion}, ${d.name}, ${criteria},
          ${currency}, ${d.includeExcluded}, ${at}, ${by})`);
    }
  },
};
