import type { RateTable, RecordedEvent } from '@monity/core';
import { sql } from 'slonik';
import type { Projection } from '../projection.ts';

export const EXCHANGE_RATES = 'rm_exchange_rates';

interface RateRow {
  tenantId: string;
  currency: string;
  effectiveDate: string;
  mid: string;
  number: string;
}

/**
 * Every NBP average rate a tenant imported, one row per currency and day. A table imported
 * again under its number (a correction) replaces all of that table's rows, so a currency it
 * no longer lists, or the day it no longer has, is gone too.
 */
export const exchangeRateProjection: Projection = {
  name: 'exchange_rates',
  version: 1,
  eventTypes: ['ExchangeRateTableImported'],
  tables: [
    {
      name: EXCHANGE_RATES,
      create: (t) => [
        sql.unsafe`CREATE TABLE ${t()} (
          tenant_id uuid NOT NULL,
          currency text NOT NULL,
          effective_date date NOT NULL,
          mid numeric(18, 8) NOT NULL,
          table_number text NOT NULL,
          CONSTRAINT ${t('pkey')} PRIMARY KEY (tenant_id, currency, effective_date)
        )`,
        sql.unsafe`CREATE INDEX ${t('by_table')} ON ${t()} (tenant_id, table_number)`,
        // Row-level security as on every tenant table (docs/security.md).
        sql.unsafe`ALTER TABLE ${t()} ENABLE ROW LEVEL SECURITY`,
        sql.unsafe`ALTER TABLE ${t()} FORCE ROW LEVEL SECURITY`,
        sql.unsafe`CREATE POLICY tenant_rows ON ${t()} USING (tenant_id = current_tenant_id())`,
        sql.unsafe`GRANT SELECT ON ${t()} TO monity_app`,
      ],
    },
  ],
  async apply(events, { tx, table }) {
    const latest = latestByNumber(events);
    const rows = new Map<string, RateRow>();
    for (const [tenantId, imported] of latest) {
      for (const rate of imported.rates) {
        const row = { tenantId, currency: rate.code, effectiveDate: imported.effectiveDate };
        const key = `${tenantId}/${rate.code}/${imported.effectiveDate}`;
        rows.set(key, { ...row, mid: rate.mid, number: imported.number });
      }
    }
    const target = table(EXCHANGE_RATES);
    await tx.query(sql.unsafe`
      DELETE FROM ${target} WHERE (tenant_id, table_number) IN (
        SELECT * FROM unnest(
          ${sql.array(
            latest.map(([tenantId]) => tenantId),
            'uuid',
          )},
          ${sql.array(
            latest.map(([, imported]) => imported.number),
            'text',
          )}))`);
    const column = <T extends string>(pick: (row: RateRow) => T) => [...rows.values()].map(pick);
    await tx.query(sql.unsafe`
      INSERT INTO ${target} (tenant_id, currency, effective_date, mid, table_number)
      SELECT * FROM unnest(
        ${sql.array(
          column((r) => r.tenantId),
          'uuid',
        )},
        ${sql.array(
          column((r) => r.currency),
          'text',
        )},
        ${sql.array(
          column((r) => r.effectiveDate),
          'date',
        )},
        ${sql.array(
          column((r) => r.mid),
          'numeric',
        )},
        ${sql.array(
          column((r) => r.number),
          'text',
        )})
      ON CONFLICT (tenant_id, currency, effective_date)
      DO UPDATE SET mid = excluded.mid, table_number = excluded.table_number`);
  },
};

/** The last table of each tenant and number in the batch: a later import replaces an earlier. */
function latestByNumber(events: RecordedEvent[]): [string, RateTable][] {
  const latest = new Map<string, [string, RateTable]>();
  for (const event of events) {
    const imported = event.data as RateTable;
    latest.set(`${event.tenantId}/${imported.number}`, [event.tenantId, imported]);
  }
  return [...latest.values()];
}
