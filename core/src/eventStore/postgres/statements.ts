import { EVENT_COLUMNS } from './eventRows.ts';

/**
 * One statement appends to one stream and checks the expected version, so a single append
 * costs one round trip; both forms are prepared once per connection. The current version is
 * read from the unique index on (tenant_id, stream_id, stream_version); a concurrent writer
 * that got there first makes this insert fail on that index, which the store reports as a
 * concurrency conflict.
 *
 * $1 tenant, $2 stream, $3 exact expected version or null, $4 the stream must exist,
 * $5 it must not; then the event columns: $6 id, $7 type, $8 schema version, $9 data,
 * $10 metadata, as scalars for one event or as arrays for several.
 */
const CURRENT_VERSION = `
WITH current AS (
  SELECT coalesce(max(stream_version), 0) AS version
  FROM events WHERE tenant_id = $1 AND stream_id = $2
)
INSERT INTO events
  (id, tenant_id, stream_id, stream_version, type, schema_version, data, metadata)`;

const VERSION_CHECK = `
WHERE ($3::int IS NULL OR current.version = $3)
  AND (NOT $4 OR current.version > 0)
  AND (NOT $5 OR current.version = 0)
RETURNING stream_version, transaction_id::text AS tx, position::text AS pos`;

export const APPEND_ONE = {
  name: 'monity_append_one',
  text: `${CURRENT_VERSION}
SELECT $6, $1, $2, current.version + 1, $7, $8, $9, $10
FROM current ${VERSION_CHECK}`,
};

export const APPEND_SEVERAL = {
  name: 'monity_append_several',
  text: `${CURRENT_VERSION}
SELECT e.id, $1, $2, current.version + e.n, e.type, e.schema_version, e.data, e.metadata
FROM current, unnest($6::uuid[], $7::text[], $8::int2[], $9::json[], $10::json[])
  WITH ORDINALITY AS e(id, type, schema_version, data, metadata, n) ${VERSION_CHECK}`,
};

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
 * The horizon (last column) comes back even when no event does, so a reader can move on.
 */
export function readAllStatement(filtered: boolean): { name: string; text: string } {
  const name = filtered ? 'monity_read_all_of_types' : 'monity_read_all';
  return {
    name,
    text: `
WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
SELECT e.*, horizon.xmin::text AS horizon
FROM horizon LEFT JOIN LATERAL (
  SELECT ${EVENT_COLUMNS}
  FROM events
  WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
    AND transaction_id < horizon.xmin
    ${filtered ? 'AND type = ANY($4::text[])' : ''}
  ORDER BY transaction_id, position
  LIMIT $3
) e ON true`,
  };
}

export function countAfterSql(filtered: boolean): string {
  return `
SELECT count(*)::text AS count FROM events
WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ${filtered ? 'AND type = ANY($3::text[])' : ''}`;
}
