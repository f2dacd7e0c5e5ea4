import pg from 'pg';
import type { Logger } from 'pino';
import { DatabaseError, isUniqueViolation } from '../../database/databaseError.ts';
import { ValidationError } from '../../errors.ts';
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
import { APPEND_TO_STREAM, EVENTS_BY_ID, countAfterSql, readAllSql } from './statements.ts';
import { bulkAppend, type PreparedAppend } from './bulkAppend.ts';
import { CommitSignal } from './commitSignal.ts';
import { EVENT_COLUMNS, toPosition, toRecordedEvent, type EventRow } from './eventRows.ts';
import { streamVersions, versionMatches } from './streamVersions.ts';

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
    const prepared = this.prepare({ stream, events, expectedVersion }, '');
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ stream_version: number; tx: string; pos: string }>(
          APPEND_TO_STREAM,
          appendParameters(prepared),
        );
        const last = rows.at(-1);
        if (!last) return await this.resolveConflict([prepared]).then((results) => results[0]!);
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
        return (await this.resolveConflict([prepared]))[0]!;
      }
    }
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const prepared = appends.map((append, i) => this.prepare(append, `/${i}`));
    assertDistinctStreams(prepared);
    if (prepared.length === 0) return [];

    for (let attempt = 1; ; attempt++) {
      try {
        const results = await bulkAppend(this.pool, prepared);
        this.signal.committed();
        return results;
      } catch (error) {
        if (error instanceof ConcurrencyError) return this.resolveConflict(prepared, error);
        if (!isUniqueViolation(error)) throw wrap(error);
        const raced = isUniqueViolation(error, 'events_stream_version_key');
        if (raced && attempt < ANY_RETRIES && prepared.some(isAny)) {
          await jitter(attempt);
          continue;
        }
        return this.resolveConflict(prepared);
      }
    }
  }

  async readStream(stream: StreamAddress, options: ReadStreamOptions = {}) {
    const backwards = options.direction === 'backwards';
    const from = options.fromVersion ?? (backwards ? 2 ** 31 - 1 : 1);
    const { rows } = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE tenant_id = $1 AND stream_id = $2 AND stream_version ${backwards ? '<=' : '>='} $3
       ORDER BY stream_version ${backwards ? 'DESC' : 'ASC'} LIMIT $4`,
      [stream.tenantId, stream.streamId, from, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
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
    const { rows } = await this.query<EventRow & { horizon: string }>(
      readAllSql(Boolean(filter)),
      parameters,
    );

    const events: RecordedEvent[] = [];
    for (const row of rows) if (row.tx !== null) events.push(toRecordedEvent(row));
    if (events.length === maxCount) return { events, next: events.at(-1)!.position, isEnd: false };
    const horizon = { transaction: BigInt(rows[0]!.horizon), sequence: 0n };
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

  private prepare(append: StreamAppend, pointer: string): PreparedAppend {
    const { stream, events } = append;
    if (events.length === 0) {
      throw new ValidationError('Nothing to append', [
        { pointer: `${pointer}/events`, message: 'must hold at least one event' },
      ]);
    }
    const rows = events.map((event, i) => {
      const schemaVersion = this.options.eventTypes.validate(event, `${pointer}/events/${i}`);
      if (event.metadata.tenantId !== stream.tenantId) {
        throw new ValidationError('Event belongs to another tenant than its stream', [
          {
            pointer: `${pointer}/events/${i}/metadata/tenantId`,
            message: 'must equal the stream tenant',
          },
        ]);
      }
      return {
        id: event.id,
        type: event.type,
        schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
      };
    });
    return { ...append, rows };
  }

  /**
   * An append failed its version check or hit existing event ids. If every event was appended
   * before, exactly as now, this is a retry: answer with the first result. Otherwise report
   * the conflict.
   */
  private async resolveConflict(
    appends: PreparedAppend[],
    conflict?: ConcurrencyError,
  ): Promise<AppendResult[]> {
    const ids = appends.flatMap((append) => append.events.map((event) => event.id));
    const { rows } = await this.query<StoredIdRow>(EVENTS_BY_ID, [ids]);
    const stored = new Map(rows.map((row) => [row.id, row]));
    if (stored.size === ids.length) {
      const results = appends.map((append) => firstResult(append, stored));
      if (results.every(Boolean)) return results as AppendResult[];
    }
    if (stored.size > 0) throw new EventIdConflictError([...stored.keys()]);
    throw conflict ?? (await this.describeConflict(appends));
  }

  private async describeConflict(appends: PreparedAppend[]): Promise<ConcurrencyError> {
    const versions = await streamVersions(
      this.pool,
      appends.map((append) => append.stream),
    );
    const failed =
      appends.find((append) => !versionMatches(append.expectedVersion, versions.get(append))) ??
      appends[0]!;
    return new ConcurrencyError(failed.stream, failed.expectedVersion, versions.get(failed) ?? 0);
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]) {
    try {
      return await this.pool.query<Row>(text, values);
    } catch (error) {
      throw wrap(error);
    }
  }
}

interface StoredIdRow {
  id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  tx: string;
  pos: string;
}

function firstResult(append: PreparedAppend, stored: Map<string, StoredIdRow>) {
  const rows = append.events.map((event) => stored.get(event.id)!);
  const sameStream = rows.every(
    (row) => row.tenant_id === append.stream.tenantId && row.stream_id === append.stream.streamId,
  );
  if (!sameStream) return undefined;
  const last = rows.reduce((a, b) => (a.stream_version > b.stream_version ? a : b));
  return { nextExpectedVersion: last.stream_version, position: toPosition(last.tx, last.pos) };
}

function appendParameters({ stream, rows, expectedVersion }: PreparedAppend): unknown[] {
  return [
    stream.tenantId,
    stream.streamId,
    rows.map((row) => row.id),
    rows.map((row) => row.type),
    rows.map((row) => row.schemaVersion),
    rows.map((row) => row.data),
    rows.map((row) => row.metadata),
    typeof expectedVersion === 'number' ? expectedVersion : null,
    expectedVersion === 'stream_exists',
    expectedVersion === 'no_stream',
  ];
}

function assertDistinctStreams(appends: PreparedAppend[]): void {
  const seen = new Set<string>();
  appends.forEach((append, i) => {
    const key = `${append.stream.tenantId}/${append.stream.streamId}`;
    if (seen.has(key)) {
      throw new ValidationError('A stream appears twice in one bulk append', [
        { pointer: `/${i}/stream`, message: 'must not repeat a stream of the same call' },
      ]);
    }
    seen.add(key);
  });
}

/** A short random pause, growing with the attempts, so racing writers stop colliding. */
function jitter(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(attempt, 10);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isAny(append: PreparedAppend): boolean {
  return append.expectedVersion === 'any';
}

function wrap(error: unknown): unknown {
  return error instanceof pg.DatabaseError ? new DatabaseError(error) : error;
}
