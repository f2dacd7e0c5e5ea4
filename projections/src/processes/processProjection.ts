import { processEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const PROCESSES = 'rm_processes';

/** Collection processes as they stand: the current version of each, and whether it runs. */
export const processProjection: Projection = {
  name: 'processes',
  version: 1,
  eventTypes: processEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: PROCESSES,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          process_id uuid NOT NULL,
          name text NOT NULL,
          version integer NOT NULL,
          active boolean NOT NULL,
          definition jsonb NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, process_id)
        )`,
        ...tenantOnly(t),
      ],
    },
  ],
  async apply(events, { tx, table }) {
    for (const event of events) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const { processId, ...definition } = event.data as Record<string, any>;
      const at = event.metadata.occurredAt;
      const where = sql.fragment`tenant_id = ${event.tenantId} AND process_id = ${processId}`;
      const moved = sql.fragment`version = ${event.streamVersion}, updated_at = ${at}`;
      switch (event.type) {
        case 'ProcessDefined':
        case 'ProcessChanged':
          await tx.query(sql.unsafe`
            INSERT INTO ${table(PROCESSES)} (tenant_id, process_id, name, version, active,
              definition, created_at, updated_at)
            VALUES (${event.tenantId}, ${processId}, ${definition.name}, ${event.streamVersion},
              false, ${sql.jsonb(definition)}, ${at}, ${at})
            ON CONFLICT (tenant_id, process_id) DO UPDATE SET name = excluded.name,
              version = excluded.version, definition = excluded.definition,
              updated_at = excluded.updated_at`);
          break;
        case 'ProcessStarted':
        case 'ProcessStopped':
          await tx.query(sql.unsafe`UPDATE ${table(PROCESSES)}
            SET active = ${event.type === 'ProcessStarted'}, ${moved} WHERE ${where}`);
          break;
        case 'ProcessRemoved':
          await tx.query(sql.unsafe`DELETE FROM ${table(PROCESSES)} WHERE ${where}`);
          break;
      }
    }
  },
};
