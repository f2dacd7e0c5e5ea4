import type { RecordedEvent } from '@monity/core';
import type { DatabaseTransactionConnection, IdentifierSqlToken, QuerySqlToken } from 'slonik';

/**
 * Names a read-model table, or one of its indexes or constraints when given a suffix
 * (`table('by_customer')` → `<table>_by_customer`). A rebuild gets other names; the runner
 * renames everything when it swaps the rebuilt tables in.
 */
export type TableName = (suffix?: string) => IdentifierSqlToken;

export interface ProjectionTable {
  /** The name readers query, lower-case letters, digits and underscores. */
  name: string;
  /** DDL creating the table, its indexes and policies (a statement each), under `table` names. */
  create(table: TableName): QuerySqlToken | readonly QuerySqlToken[];
}

export interface ApplyContext {
  /** The transaction that will also store the projection's new checkpoint. */
  tx: DatabaseTransactionConnection;
  /** The table to write, by its reader-facing name (the rebuild's copy during a rebuild). */
  table(name: string): IdentifierSqlToken;
}

/**
 * A read model kept up to date from the event log.
 *
 * @example
 * ```ts
 * export const invoiceCounts: Projection = {
 *   name: 'invoice_counts',
 *   version: 1,
 *   eventTypes: ['InvoiceIssued'],
 *   tables: [{ name: 'rm_invoice_counts', create: (t) => sql.unsafe`
 *     CREATE TABLE ${t()} (tenant_id uuid PRIMARY KEY, issued integer NOT NULL)` }],
 *   async apply(events, { tx, table }) {
 *     for (const event of events) await tx.query(sql.unsafe`
 *       INSERT INTO ${table('rm_invoice_counts')} VALUES (${event.tenantId}, 1)
 *       ON CONFLICT (tenant_id) DO UPDATE SET issued = excluded.issued + 1`);
 *   },
 * };
 * ```
 * Raise `version` whenever `apply` or the tables change: the runner then rebuilds the read
 * model from the first event into fresh tables while the old ones keep serving, and swaps.
 */
export interface Projection {
  name: string;
  version: number;
  eventTypes: readonly string[];
  tables: readonly ProjectionTable[];
  /** Applies one batch, in global order, inside the transaction that moves the checkpoint. */
  apply(events: RecordedEvent[], context: ApplyContext): Promise<void>;
}
