import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError } from '../errors.ts';
import type { EventStore, ExpectedVersion, NewEvent } from '../eventStore/index.ts';
import { EXCHANGE_RATES_STREAM, type RateTable } from './exchangeRateEvents.ts';
import { sameTable } from './rateTables.ts';

type TableStatus = 'imported' | 'corrected' | 'unchanged';

/** What an import did with each table: new, replacing the one of its number, or nothing. */
export interface RateImportReport {
  imported: number;
  corrected: number;
  unchanged: number;
  tables: { number: string; effectiveDate: string; status: TableStatus }[];
}

/** The tables a tenant holds, by number, and the version of the stream they were read at. */
export interface RateBook {
  version: number;
  tables: Map<string, RateTable>;
}

export function foldRateBook(events: { type: string; data: unknown }[]): RateBook {
  const tables = new Map<string, RateTable>();
  for (const event of events) {
    const table = event.data as RateTable;
    if (event.type === 'ExchangeRateTableImported') tables.set(table.number, table);
  }
  return { version: events.length, tables };
}

/**
 * Which tables to append: those of a new number, and those whose rates differ from the table
 * of their number already held (a correction replaces it). A table dated on a day that
 * another number holds is refused: a day has one table A.
 */
export function decideRateImport(
  book: RateBook,
  tables: RateTable[],
): { append: RateTable[]; report: RateImportReport } {
  const statuses = tables.map((table): TableStatus => {
    const held = book.tables.get(table.number);
    return !held ? 'imported' : sameTable(held, table) ? 'unchanged' : 'corrected';
  });
  const append = tables.filter((_, i) => statuses[i] !== 'unchanged');
  const replaced = new Set(append.map((table) => table.number));
  const dayHolders = new Map(
    [...book.tables.values()]
      .filter((t) => !replaced.has(t.number))
      .map((t) => [t.effectiveDate, t]),
  );
  for (const table of append) {
    const holder = dayHolders.get(table.effectiveDate);
    if (holder) {
      throw new ConflictError(
        'rate_day_taken',
        `Table ${table.number} is dated ${table.effectiveDate}, the day of table ${holder.number}`,
      );
    }
  }
  const count = (status: TableStatus) => statuses.filter((s) => s === status).length;
  const report: RateImportReport = {
    imported: count('imported'),
    corrected: count('corrected'),
    unchanged: count('unchanged'),
    tables: tables.map((t, i) => ({
      number: t.number,
      effectiveDate: t.effectiveDate,
      status: statuses[i]!,
    })),
  };
  return { append, report };
}

/** A tenant's `exchange-rates` stream, as the import reads and appends it. */
export interface RateStream {
  /** Every event of the stream, oldest first. */
  read(): Promise<{ type: string; data: unknown }[]>;
  append(events: NewEvent[], expectedVersion: ExpectedVersion): Promise<unknown>;
}

/**
 * Imports checked tables: folds the stream, decides, and appends expecting the version it
 * read, so a concurrent import of the same tenant fails (409) instead of deciding on stale
 * tables. `eventOf` gives each new table its event id and metadata.
 *
 * Known shortcoming: the whole stream is read each time, ~250 events per year of tables.
 */
export async function importRateTables(
  stream: RateStream,
  tables: RateTable[],
  eventOf: (table: RateTable) => NewEvent,
): Promise<RateImportReport> {
  const book = foldRateBook(await stream.read());
  const { append, report } = decideRateImport(book, tables);
  if (append.length > 0) await stream.append(append.map(eventOf), book.version);
  return report;
}

/** The stream within a request's tenant transaction. */
export function rateStreamIn(tx: TenantTransaction, tenantId: string): RateStream {
  return {
    read: async () =>
      (
        await tx.query<{ type: string; data: unknown }>(
          `SELECT type, data FROM events WHERE tenant_id = $1 AND stream_id = $2
           ORDER BY stream_version`,
          [tenantId, EXCHANGE_RATES_STREAM],
        )
      ).rows,
    append: (events, expectedVersion) => tx.append(EXCHANGE_RATES_STREAM, events, expectedVersion),
  };
}

/** The stream through the event store itself, for loaders that run outside a request. */
export function rateStreamOf(store: EventStore, tenantId: string): RateStream {
  const stream = { tenantId, streamId: EXCHANGE_RATES_STREAM };
  return {
    read: () => store.readStream(stream),
    append: (events, expectedVersion) => store.append(stream, events, { expectedVersion }),
  };
}
