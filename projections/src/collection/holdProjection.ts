import { holdEventTypes } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';
import { tenantOnly } from '../tenantTable.ts';

export const HOLDS = 'rm_collection_holds';

/** Customers' promises to pay and disputes: what pauses their collection, and until when. */
export const holdProjection: Projection = {
  name: 'collection_holds',
  version: 1,
  eventTypes: holdEventTypes.map((definition) => definition.type),
  tables: [
    {
      name: HOLDS,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          hold_id uuid NOT NULL,
          customer_id uuid NOT NULL,
          kind text NOT NULL,
          until date,
          amount text,
          currency text,
          text text,
          open boolean NOT NULL,
          created_at timestamptz NOT NULL,
          closed_at timestamptz,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, hold_id)
        )`,
        sql.unsafe`CREATE INDEX ${t('by_customer')} ON ${t()} (tenant_id, customer_id)`,
        ...tenantOnly(t),
      ],
    },
  ],
  async apply(events, { tx, table }) {
    for (const event of events) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
      const d = event.data as Record<string, any>;
      const at = event.metadata.occurredAt;
      if (event.type === 'DisputeClosed') {
        await tx.query(sql.unsafe`UPDATE ${table(HOLDS)} SET open = false, closed_at = ${at}
          WHERE tenant_id = ${event.tenantId} AND hold_id = ${d.disputeId}`);
        continue;
      }
      const promise = event.type === 'PromiseToPayRecorded';
      await tx.query(sql.unsafe`
        INSERT INTO ${table(HOLDS)} (tenant_id, hold_id, customer_id, kind, until, amount,
          currency, text, open, created_at)
        VALUES (${event.tenantId}, ${promise ? d.promiseId : d.disputeId}, ${d.customerId},
          ${promise ? 'promise' : 'dispute'}, ${d.until ?? null}, ${d.amount ?? null},
          ${d.currency ?? null}, ${(promise ? d.note : d.reason) ?? null}, true, ${at})
        ON CONFLICT DO NOTHING`);
    }
  },
};
