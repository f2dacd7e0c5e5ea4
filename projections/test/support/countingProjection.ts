import type { Projection } from '../../src/index.ts';
import { sql } from 'slonik';

/**
 * Counts events per stream and records every applied event id, without a unique constraint,
 * so a test can see an event applied twice or never. `slowMs` makes each batch take time.
 */
export function countingProjection({ version = 1, slowMs = 0 } = {}): Projection {
  return {
    name: 'stream_counts',
    version,
    eventTypes: ['InvoiceIssued', 'PaymentRecorded'],
    tables: [
      {
        name: 'rm_stream_counts',
        create: (t) => sql.unsafe`
          CREATE TABLE ${t()} (
            stream_id text NOT NULL,
            events integer NOT NULL,
            version integer NOT NULL,
            CONSTRAINT ${t('pkey')} PRIMARY KEY (stream_id))`,
      },
      {
        name: 'rm_applied_events',
        create: (t) => sql.unsafe`CREATE TABLE ${t()} (event_id uuid NOT NULL)`,
      },
    ],
    async apply(events, { tx, table }) {
      await tx.query(sql.unsafe`
        INSERT INTO ${table('rm_applied_events')} (event_id)
        SELECT * FROM unnest(${sql.array(
          events.map((e) => e.id),
          'uuid',
        )})`);
      for (const event of events) {
        await tx.query(sql.unsafe`
          INSERT INTO ${table('rm_stream_counts')} AS c (stream_id, events, version)
          VALUES (${event.streamId}, 1, ${version})
          ON CONFLICT (stream_id) DO UPDATE SET events = c.events + 1`);
      }
      if (slowMs > 0) await tx.query(sql.unsafe`SELECT pg_sleep(${slowMs / 1000})`);
    },
  };
}
