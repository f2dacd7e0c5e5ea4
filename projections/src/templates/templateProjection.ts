import { templateEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const TEMPLATES = 'rm_templates';
export const TEMPLATE_VERSIONS = 'rm_template_versions';

const DRAFT_COLUMNS = sql.fragment`name text NOT NULL,
  medium text NOT NULL,
  language text NOT NULL,
  kind text NOT NULL,
  subject text,
  html text,
  text text`;

/** Message templates as they stand, and every version each one had. */
export const templateProjection: Projection = {
  name: 'templates',
  version: 1,
  eventTypes: templateEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: TEMPLATES,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          template_id uuid NOT NULL,
          ${DRAFT_COLUMNS},
          version integer NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, template_id)
        )`,
        sql.unsafe`CREATE INDEX ${t('by_name')} ON ${t()} (tenant_id, lower(name), template_id)`,
        ...tenantOnly(t),
      ],
    },
    {
      name: TEMPLATE_VERSIONS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          template_id uuid NOT NULL,
          version integer NOT NULL,
          ${DRAFT_COLUMNS},
          changed_at timestamptz NOT NULL,
          changed_by text NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, template_id, version)
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
      if (event.type === 'TemplateRemoved') {
        await tx.query(sql.unsafe`DELETE FROM ${table(TEMPLATES)}
          WHERE tenant_id = ${event.tenantId} AND template_id = ${d.templateId}`);
        continue;
      }
      const draft = sql.join(
        [d.name, d.medium, d.language, d.kind, d.subject ?? null, d.html ?? null, d.text ?? null],
        sql.fragment`, `,
      );
      const by = `${event.metadata.actor.kind}:${event.metadata.actor.id}`;
      await tx.query(sql.unsafe`
        INSERT INTO ${table(TEMPLATES)} (tenant_id, template_id, name, medium, language, kind,
          subject, html, text, version, created_at, updated_at)
        VALUES (${event.tenantId}, ${d.templateId}, ${draft}, ${event.streamVersion}, ${at}, ${at})
        ON CONFLICT (tenant_id, template_id) DO UPDATE SET name = excluded.name,
          medium = excluded.medium, language = excluded.language, kind = excluded.kind,
          subject = excluded.subject, html = excluded.html, text = excluded.text,
          version = excluded.version, updated_at = excluded.updated_at`);
      await tx.query(sql.unsafe`
        INSERT INTO ${table(TEMPLATE_VERSIONS)} (tenant_id, template_id, version, name, medium,
          language, kind, subject, html, text, changed_at, changed_by)
        VALUES (${event.tenantId}, ${d.templateId}, ${event.streamVersion}, ${draft}, ${at},
          ${by})`);
    }
  },
};
