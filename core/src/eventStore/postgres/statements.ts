/**
 * One statement appends a batch to one stream and checks the expected version, so a single
 * append costs one round trip. The current version is read from the unique index on
 * (tenant_id, stream_id, stream_version); a concurrent writer that got there first makes this
 * insert fail on that index, which the store reports as a concurrency conflict.
 *
 * $1 tenant, $2 stream, $3 ids, $4 types, $5 schema versions, $6 data, $7 metadata,
 * $8 exact expected version or null, $9 the stream must exist, $10 the stream must not exist.
 */
export const APPEND_TO_STREAM = `
WITH current AS (
  SELECT coalesce(max(stream_version), 0) AS version
  FROM events WHERE tenant_id = $1 AND stream_id = $2
)
INSERT INTO events (id, tenant_id, stream_id, stream_version, type, schema_version, data, metadata)
SELECT e.id, $1, $2, current.version + e.n, e.type, e.schema_version, e.data, e.metadata
FROM current, unnest($3::uuid[], $4::text[], $5::int2[], $6::jsonb[], $7::jsonb[])
  WITH ORDINALITY AS e(id, type, schema_version, data, metadata, n)
WHERE ($8::int IS NULL OR current.version = $8)
  AND (NOT $9 OR current.version > 0)
  AND (NOT $10 OR current.version = 0)
RETURNING stream_version, transaction_id::text AS tx, position::text AS pos`;

export const STREAM_VERSIONS = `
SELECT s.tenant_id::text, s.stream_id,
  coalesce((SELECT max(e.stream_version) FROM events e
    WHERE e.tenant_id = s.tenant_id AND e.stream_id = s.stream_id), 0) AS version
FROM unnest($1::uuid[], $2::text[]) AS s(tenant_id, stream_id)`;

export const EVENTS_BY_ID = `
SELECT id, tenant_id, stream_id, stream_version, transaction_id::text AS tx, position::text AS pos
FROM events WHERE id = ANY($1::uuid[])`;

/**
 * Reads in global order, only below the oldest transaction still running: everything below
 * that horizon is final, so no event can later appear before a position handed out here.
 * The horizon row comes back even when no event does, so a reader can still move on.
 */
export function readAllSql(filtered: boolean): string {
  return `
WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
SELECT horizon.xmin::text AS horizon, e.*
FROM horizon LEFT JOIN LATERAL (
  SELECT transaction_id::text AS tx, position::text AS pos, id, tenant_id, stream_id,
    stream_version, type, schema_version, data, metadata, recorded_at
  FROM events
  WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
    AND transaction_id < horizon.xmin
    ${filtered ? 'AND type = ANY($4::text[])' : ''}
  ORDER BY transaction_id, position
  LIMIT $3
) e ON true`;
}

export function countAfterSql(filtered: boolean): string {
  return `
SELECT count(*)::text AS count FROM events
WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ${filtered ? 'AND type = ANY($3::text[])' : ''}`;
}
