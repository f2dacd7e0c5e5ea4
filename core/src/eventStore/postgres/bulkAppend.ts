import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ConcurrencyError } from '../errors.ts';
import type { AppendResult } from '../eventStore.ts';
import type { PreparedAppend } from './prepareAppend.ts';
import { COPY_EVENTS, toCopyLine } from './copyRows.ts';
import { streamVersions, versionMatches } from './streamVersions.ts';

const ALLOCATE_POSITIONS = `
SELECT pg_current_xact_id()::text AS tx,
  array(SELECT nextval(pg_get_serial_sequence('events', 'position'))::text
        FROM generate_series(1, $1)) AS positions`;

/**
 * Appends to many streams in one transaction through COPY, the fastest way into PostgreSQL.
 * Versions are checked first, in one query, for the streams that need it; streams expected
 * not to exist need no check, as the unique index rejects a version 1 written twice.
 */
export async function bulkAppend(
  pool: pg.Pool,
  appends: PreparedAppend[],
): Promise<AppendResult[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const firstVersions = await checkVersions(client, appends);
    const total = appends.reduce((sum, append) => sum + append.rows.length, 0);
    const { rows } = await client.query<{ tx: string; positions: string[] }>(ALLOCATE_POSITIONS, [
      total,
    ]);
    const { tx, positions } = rows[0]!;

    const results: AppendResult[] = [];
    let lines = '';
    let n = 0;
    appends.forEach((append, i) => {
      append.rows.forEach((row, j) => {
        lines += toCopyLine({
          ...row,
          position: positions[n++]!,
          tenantId: append.stream.tenantId,
          streamId: append.stream.streamId,
          streamVersion: firstVersions[i]! + j,
        });
      });
      const last = { transaction: BigInt(tx), sequence: BigInt(positions[n - 1]!) };
      results.push({
        nextExpectedVersion: firstVersions[i]! + append.rows.length - 1,
        position: last,
      });
    });
    await copy(client, lines);
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function checkVersions(client: pg.PoolClient, appends: PreparedAppend[]): Promise<number[]> {
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

function copy(client: pg.PoolClient, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_EVENTS));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
}
