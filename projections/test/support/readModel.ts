import type pg from 'pg';

/** What the counting projection's live tables hold, read as a reader would. */
export async function readCounts(pool: pg.Pool) {
  const counts = await pool.query<{ stream_id: string; events: number; version: number }>(
    'SELECT stream_id, events, version FROM rm_stream_counts ORDER BY stream_id',
  );
  const applied = await pool.query<{ total: string; distinct: string }>(
    'SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM rm_applied_events',
  );
  return {
    streams: counts.rows,
    applied: Number(applied.rows[0]!.total),
    distinctApplied: Number(applied.rows[0]!.distinct),
  };
}
