import pg from 'pg';
import type { Logger } from 'pino';
import { DatabaseError, isUniqueViolation } from '../../database/databaseError.ts';
import { ConcurrencyError, EventIdConflictError } from '../errors.ts';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  StreamAddress,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../eventStore.ts';
import { START } from '../eventStore.ts';
import type { EventTypeRegistry } from '../eventTypes.ts';
import { comparePositions } from '../globalPosition.ts';
import { followAll } from '../subscription.ts';
import { describeConflict, resolveConflict } from './appendConflicts.ts';
import { bulkAppend, bulkAppendWithin } from './bulkAppend.ts';
import { insertManyWithin } from './insertManyAppend.ts';
import { CommitSignal } from './commitSignal.ts';
import {
  EVENT_COLUMNS,
  RAW_JSON_TYPES,
  RecordedEventRow,
  toPosition,
  type EventRow,
} from './eventRows.ts';
import {
  AppendPreparation,
  assertDistinctStreams,
  prepareAppend,
  type PreparedAppend,
  type SchemaChecks,
} from './prepareAppend.ts';
import { APPEND_ONE, APPEND_SEVERAL, countAfterSql, readAllStatement } from './statements.ts';

export interface PostgresEventStoreOptions {
  pool: pg.Pool;
  eventTypes: EventTypeRegistry;
  logger: Logger;
  /** How often a following subscriber looks for events it was not told about. */
  pollIntervalMs?: number;
}

/** Writers expecting `any` version retry when another took the version they computed. */
const ANY_RETRIES = 50;
const DEFAULT_PAGE = 1000;

/** The PostgreSQL adapter of the event store port; see docs/event-store.md for its design. */
export class PostgresEventStore implements EventStore {
  private readonly pool: pg.Pool;
  private readonly signal: CommitSignal;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.signal = new CommitSignal(options.pool, options.logger.child({ component: 'events' }));
  }

  async append(
    stream: StreamAddress,
    events: NewEvent[],
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const prepared = prepareAppend(
      this.options.eventTypes,
      { stream, events, expectedVersion },
      '',
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<AppendedRow>(appendStatement(prepared));
        const last = rows.at(-1);
        if (!last)
          return await resolveConflict(this.pool, [prepared]).then((results) => results[0]!);
        this.signal.committed();
        return {
          nextExpectedVersion: last.stream_version,
          position: toPosition(last.tx, last.pos),
        };
      } catch (error) {
        if (!isUniqueViolation(error)) throw wrap(error);
        const raced = isUniqueViolation(error, 'events_stream_version_key');
        if (raced && expectedVersion === 'any' && attempt < ANY_RETRIES) {
          await jitter(attempt);
          continue;
        }
        return (await resolveConflict(this.pool, [prepared]))[0]!;
      }
    }
  }

  /**
   * Appends inside the caller's open transaction, so events and the state written beside them
   * commit together or not at all. A version conflict throws and leaves the transaction to be
   * rolled back; call `committed()` once the caller has committed.
   */
  async appendWithin(
    client: pg.ClientBase,
    stream: StreamAddress,
    events: NewEvent[],
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const prepared = prepareAppend(
      this.options.eventTypes,
      { stream, events, expectedVersion },
      '',
    );
    try {
      const { rows } = await client.query<AppendedRow>(appendStatement(prepared));
      const last = rows.at(-1);
      if (!last) throw await describeConflict(client, [prepared]);
      return { nextExpectedVersion: last.stream_version, position: toPosition(last.tx, last.pos) };
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_key')) {
        throw new ConcurrencyError(stream, expectedVersion, null);
      }
      throw wrap(error);
    }
  }

  /** Tells subscribers that a transaction holding `appendWithin` events has committed. */
  committed(): void {
    this.signal.committed();
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    assertDistinctStreams(appends);
    if (appends.length === 0) return [];
    const prepared: PreparedAppend[] = [];
    const preparation = new AppendPreparation(this.options.eventTypes);
    const prepare = (i: number) =>
      (prepared[i] ??= prepareAppend(preparation, appends[i]!, `/${i}`));

    for (let attempt = 1; ; attempt++) {
      try {
        const results = await bulkAppend(this.pool, appends, prepare);
        this.signal.committed();
        return results;
      } catch (error) {
        if (error instanceof ConcurrencyError) return resolveConflict(this.pool, appends, error);
        if (!isUniqueViolation(error)) throw wrap(error);
        const raced = isUniqueViolation(error, 'events_stream_version_key');
        if (raced && attempt < ANY_RETRIES && appends.some(isAny)) {
          await jitter(attempt);
          continue;
        }
        return resolveConflict(this.pool, appends);
      }
    }
  }

  /**
   * `appendMany` inside the caller's open transaction. A version conflict throws a
   * `ConcurrencyError`, after which the caller rolls back and decides again; call `committed()`
   * once the caller has committed. Under row-level security, where COPY is refused, the events
   * go in as one INSERT of arrays instead. `schemaChecks` (default `every`) is for writers
   * that build their events from records they validated themselves; see `SchemaChecks`.
   */
  async appendManyWithin(
    client: pg.ClientBase,
    appends: StreamAppend[],
    options: { rowSecurity?: boolean; schemaChecks?: SchemaChecks } = {},
  ): Promise<AppendResult[]> {
    assertDistinctStreams(appends);
    if (appends.length === 0) return [];
    const preparation = new AppendPreparation(this.options.eventTypes, options.schemaChecks);
    const prepared = appends.map((append, i) => prepareAppend(preparation, append, `/${i}`));
    try {
      return options.rowSecurity
        ? await insertManyWithin(client, prepared)
        : await bulkAppendWithin(client, appends, (i) => prepared[i]!);
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_key')) {
        throw new ConcurrencyError(appends[0]!.stream, appends[0]!.expectedVersion, null);
      }
      // An event id chosen by the caller (one per fact, say) was appended before.
      if (isUniqueViolation(error, 'events_id_key')) throw new EventIdConflictError([]);
      throw wrap(error);
    }
  }

  /** Every event of several streams of one tenant, each stream in version order. */
  async readStreamsWithin(
    client: pg.ClientBase,
    tenantId: string,
    streamIds: string[],
  ): Promise<Map<string, { type: string; data: Record<string, unknown> }[]>> {
    const { rows } = await client.query<{ stream_id: string; type: string; data: string }>({
      text: `SELECT stream_id, type, data::text AS data FROM events
       WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`,
      values: [tenantId, streamIds],
    });
    const streams = new Map<string, { type: string; data: Record<string, unknown> }[]>();
    for (const row of rows) {
      let events = streams.get(row.stream_id);
      if (!events) streams.set(row.stream_id, (events = []));
      events.push({ type: row.type, data: JSON.parse(row.data) as Record<string, unknown> });
    }
    return streams;
  }

  async readStream(stream: StreamAddress, options: ReadStreamOptions = {}) {
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? 2 ** 31 - 1 : 1);
    const rows = await this.readRows<EventRow>(
      {
        text: `SELECT ${EVENT_COLUMNS} FROM events
       WHERE tenant_id = $1 AND stream_id = $2 AND stream_version ${backwards ? '<=' : '>='} $3
       ORDER BY stream_version ${backwards ? 'DESC' : 'ASC'} LIMIT $4`,
      },
      [stream.tenantId, stream.streamId, from, options.maxCount ?? null],
    );
    return rows.map((row) => new RecordedEventRow(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? START;
    const maxCount = options.maxCount ?? DEFAULT_PAGE;
    const filter = options.eventTypes;
    const parameters: unknown[] = [
      after.transaction.toString(),
      after.sequence.toString(),
      maxCount,
    ];
    if (filter) parameters.push(filter);
    const rows = await this.readRows<[...EventRow, horizon: string]>(
      readAllStatement(Boolean(filter)),
      parameters,
    );

    const events: RecordedEvent[] = [];
    for (const row of rows) if (row[0] !== null) events.push(new RecordedEventRow(row));
    if (events.length === maxCount) return { events, next: events.at(-1)!.position, isEnd: false };
    const horizon = { transaction: BigInt(rows[0]![11]), sequence: 0n };
    const next = comparePositions(horizon, after) > 0 ? horizon : after;
    return { events, next, isEnd: true };
  }

  async countAfter(options: Pick<ReadAllOptions, 'after' | 'eventTypes'>): Promise<number> {
    const after = options.after ?? START;
    const filter = options.eventTypes;
    const parameters: unknown[] = [after.transaction.toString(), after.sequence.toString()];
    if (filter) parameters.push(filter);
    const { rows } = await this.query<{ count: string }>(
      countAfterSql(Boolean(filter)),
      parameters,
    );
    return Number(rows[0]!.count);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    void this.signal.listen();
    return followAll(
      (page) => this.readAll(page),
      (timeoutMs, abort) => this.signal.wait(timeoutMs, abort),
      { ...options, pollIntervalMs: this.options.pollIntervalMs ?? 1000 },
    );
  }

  async close(): Promise<void> {
    await this.signal.close();
  }

  /** Event rows as arrays, JSON left as text for RecordedEventRow to decode when asked. */
  private async readRows<Row extends unknown[]>(
    statement: { name?: string; text: string },
    values: unknown[],
  ) {
    try {
      const config = { ...statement, values, types: RAW_JSON_TYPES, rowMode: 'array' as const };
      return (await this.pool.query<Row>(config)).rows;
    } catch (error) {
      throw wrap(error);
    }
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]) {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw wrap(error);
    }
  }
}

interface AppendedRow {
  stream_version: number;
  tx: string;
  pos: string;
}

function appendStatement({ stream, rows, expectedVersion }: PreparedAppend): pg.QueryConfig {
  const one = rows.length === 1 ? rows[0]! : undefined;
  const column = <K extends keyof (typeof rows)[0]>(key: K) =>
    one ? one[key] : rows.map((row) => row[key]);
  return {
    ...(one ? APPEND_ONE : APPEND_SEVERAL),
    values: [
      stream.tenantId,
      stream.streamId,
      typeof expectedVersion === 'number' ? expectedVersion : null,
      expectedVersion === 'stream_exists',
      expectedVersion === 'no_stream',
      column('id'),
      column('type'),
      column('schemaVersion'),
      column('data'),
      column('metadata'),
    ],
  };
}

/** A short random pause, growing with the attempts, so racing writers stop colliding. */
function jitter(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(attempt, 10);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isAny(append: StreamAppend): boolean {
  return append.expectedVersion === 'any';
}

function wrap(error: unknown): unknown {
  return error instanceof pg.DatabaseError ? new DatabaseError(error) : error;
}
