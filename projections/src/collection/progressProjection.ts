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
  // One statement for the whole batch, an invoice a row, in the events' order: the first
  // event to reach an invoice's step is kept, as one statement per event would keep it.
  async apply(events, { tx, table }) {
    const rows = events.flatMap((event) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const d = event.data as Record<string, any>;
      return (d.invoiceIds as string[]).map((invoiceId) => [
        event.tenantId,
        d.processId,
        d.stepId,
        invoiceId,
        d.customerId,
        d.currency,
        d.messageId ?? null,
        d.skipped ?? null,
        d.packageId ?? null,
        event.metadata.occurredAt,
      ]);
    });
    if (rows.length === 0) return;
    const column = (i: number) => rows.map((row) => row[i] as string | null);
    await tx.query(sql.unsafe`
      INSERT INTO ${table(PROGRESS)} (tenant_id, process_id, step_id, invoice_id, customer_id,
        currency, message_id, skipped, package_id, reached_at)
      SELECT * FROM unnest(${sql.array(column(0), 'uuid')}, ${sql.array(column(1), 'uuid')},
        ${sql.array(column(2), 'uuid')}, ${sql.array(column(3), 'uuid')},
        ${sql.array(column(4), 'uuid')}, ${sql.array(column(5), 'text')},
        ${sql.array(column(6), 'uuid')}, ${sql.array(column(7), 'text')},
        ${sql.array(column(8), 'uuid')}, ${sql.array(column(9), 'timestamptz')})
      ON CONFLICT DO NOTHING`);
  },
};
