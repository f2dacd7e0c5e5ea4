import { collectionEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const PROGRESS = 'rm_collection_progress';

/** Which step of which process each invoice has reached, when, and with which message. */
export const progressProjection: Projection = {
  name: 'collection_progress',
  version: 2,
  eventTypes: collectionEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: PROGRESS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          process_id uuid NOT NULL,
          step_id uuid NOT NULL,
          invoice_id uuid NOT NULL,
          customer_id uuid NOT NULL,
          currency text NOT NULL,
          message_id uuid,
          skipped text,
          package_id uuid,
          reached_at timestamptz NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, process_id, invoice_id, step_id)
        )`,
        sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()} (tenant_id, customer_id)`,
        sql.unsafe`CREATE INDEX ${t('handed_over')} ON ${t()} (tenant_id, invoice_id)
          WHERE package_id IS NOT NULL`,
        ...tenantOnly(t),
      ],
    },
  ],
  async apply(events, { tx, table }) {
    for (const event of events) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const d = event.data as Record<string, any>;
      await tx.query(sql.unsafe`
        INSERT INTO ${table(PROGRESS)} (tenant_id, process_id, step_id, invoice_id, customer_id,
          currency, message_id, skipped, package_id, reached_at)
        SELECT ${event.tenantId}, ${d.processId}, ${d.stepId}, invoice_id, ${d.customerId},
          ${d.currency}, ${d.messageId ?? null}, ${d.skipped ?? null}, ${d.packageId ?? null},
          ${event.metadata.occurredAt}
        FROM unnest(${sql.array(d.invoiceIds, 'uuid')}) AS invoice_id
        ON CONFLICT DO NOTHING`);
    }
  },
};
