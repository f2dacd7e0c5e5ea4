import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ConcurrencyError } from '../errors.ts';
import type { AppendResult, StreamAppend } from '../eventStore.ts';
import type { PreparedAppend } from './prepareAppend.ts';
import { COPY_EVENTS, copyStreamColumns, toCopyLine } from './copyRows.ts';
import { streamVersions, versionMatches } from './streamVersions.ts';

const ALLOCATE_POSITIONS = `
SELECT pg_current_xact_id()::text AS tx,
  array(SELECT nextval('events_position_seq')::text
        FROM generate_series(1, $1)) AS positions`;

/**
 * Appends to many streams in one transaction through COPY, the fastest way into PostgreSQL.
 * Versions are checked first, in one query, for the streams that need it; streams expected
 * not to exist need no check, as the unique index rejects a version 1 written twice. Events
 * are validated and serialised while COPY runs, so PostgreSQL takes in one part of the batch
 * while Node prepares the next; an invalid event aborts the COPY and nothing is written.
 */
export async function bulkAppend(
  pool: pg.Pool,
  appends: StreamAppend[],
  prepare: (index: number) => PreparedAppend,
): Promise<AppendResult[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const results = await bulkAppendWithin(client, appends, prepare);
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The same inside the caller's open transaction, which commits or rolls back the events. */
export async function bulkAppendWithin(
  client: pg.ClientBase,
  appends: StreamAppend[],
  prepare: (index: number) => PreparedAppend,
): Promise<AppendResult[]> {
  const firstVersions = await checkVersions(client, appends);
  const total = appends.reduce((sum, append) => sum + append.events.length, 0);
  const { rows } = await client.query<Allocated>(ALLOCATE_POSITIONS, [total]);
  const { tx, positions } = rows[0]!;

  const results: AppendResult[] = [];
  let n = 0;
  function* lines() {
    for (let i = 0; i < appends.length; i++) {
      const { stream, rows: prepared } = prepare(i);
      const streamColumns = copyStreamColumns(stream);
      for (let j = 0; j < prepared.length; j++) {
        yield toCopyLine(positions[n++]!, streamColumns, firstVersions[i]! + j, prepared[j]!);
      }
      const position = { transaction: BigInt(tx), sequence: BigInt(positions[n - 1]!) };
      results.push({ nextExpectedVersion: firstVersions[i]! + prepared.length - 1, position });
    }
  }
  await copy(client, lines());
  return results;
}

interface Allocated {
  tx: string;
  positions: string[];
}

/** The first version each append writes, after checking the streams that need it. */
export async function checkVersions(
  client: pg.ClientBase,
  appends: StreamAppend[],
): Promise<number[]> {
  const checked = appends.filter((append) => append.expectedVersion !== 'no_stream');
  const versions =
    checked.length > 0
      ? await streamVersions(
          client,
          checked.map((append) => append.stream),
        )
      : undefined;

  return appends.map((append) => {
    if (append.expectedVersion === 'no_stream') return 1;
    const actual = versions?.get(append) ?? 0;
    if (!versionMatches(append.expectedVersion, actual)) {
      throw new ConcurrencyError(append.stream, append.expectedVersion, actual);
    }
    return actual + 1;
  });
}

const CHUNK_BYTES = 256 * 1024;

/** Streams the lines into COPY in chunks, waiting whenever the socket asks for a pause. */
async function copy(client: pg.ClientBase, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(COPY_EVENTS));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
  });
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length < CHUNK_BYTES) continue;
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
    stream.end(chunk);
  } catch (error) {
    stream.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  await done;
}
