import type pg from 'pg';
import { ConcurrencyError, EventIdConflictError } from '../errors.ts';
import type { AppendResult, StreamAppend } from '../eventStore.ts';
import { toPosition } from './eventRows.ts';
import { EVENTS_BY_ID } from './statements.ts';
import { streamVersions, versionMatches } from './streamVersions.ts';

interface StoredIdRow {
  id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  tx: string;
  pos: string;
}

/**
 * An append failed its version check or hit existing event ids. If every event was appended
 * before, exactly as now, this is a retry: answer with the first result. Otherwise report
 * the conflict.
 */
export async function resolveConflict(
  pool: pg.Pool,
  appends: StreamAppend[],
  conflict?: ConcurrencyError,
): Promise<AppendResult[]> {
  const ids = appends.flatMap((append) => append.events.map((event) => event.id));
  const { rows } = await pool.query<StoredIdRow>(EVENTS_BY_ID, [ids]);
  const stored = new Map(rows.map((row) => [row.id, row]));
  if (stored.size === ids.length) {
    const results = appends.map((append) => firstResult(append, stored));
    if (results.every(Boolean)) return results as AppendResult[];
  }
  if (stored.size > 0) throw new EventIdConflictError([...stored.keys()]);
  throw conflict ?? (await describeConflict(pool, appends));
}

export async function describeConflict(pool: pg.ClientBase | pg.Pool, appends: StreamAppend[]) {
  const versions = await streamVersions(
    pool,
    appends.map((append) => append.stream),
  );
  const failed =
    appends.find((append) => !versionMatches(append.expectedVersion, versions.get(append))) ??
    appends[0]!;
  return new ConcurrencyError(failed.stream, failed.expectedVersion, versions.get(failed) ?? 0);
}

function firstResult(append: StreamAppend, stored: Map<string, StoredIdRow>) {
  const rows = append.events.map((event) => stored.get(event.id)!);
  const sameStream = rows.every(
    (row) => row.tenant_id === append.stream.tenantId && row.stream_id === append.stream.streamId,
  );
  if (!sameStream) return undefined;
  const last = rows.reduce((a, b) => (a.stream_version > b.stream_version ? a : b));
  return { nextExpectedVersion: last.stream_version, position: toPosition(last.tx, last.pos) };
}
