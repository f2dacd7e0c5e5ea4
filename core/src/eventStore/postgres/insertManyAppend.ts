import type pg from 'pg';
import type { AppendResult } from '../eventStore.ts';
import { checkVersions } from './bulkAppend.ts';
import { toPosition } from './eventRows.ts';
import type { PreparedAppend } from './prepareAppend.ts';

/**
 * The payloads and metadata go as one JSON array each, joined to the other columns by their
 * place: as `json[]` every quote of every payload would be escaped into an array literal and
 * parsed back out of it, the largest cost of appending a batch of long messages.
 */
const INSERT_MANY = `
INSERT INTO events
  (id, tenant_id, stream_id, stream_version, type, schema_version, data, metadata)
SELECT e.id, e.tenant_id, e.stream_id, e.stream_version, e.type, e.schema_version, d.value,
  m.value
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::int2[])
  WITH ORDINALITY AS e (id, tenant_id, stream_id, stream_version, type, schema_version, n)
JOIN json_array_elements($7::json) WITH ORDINALITY AS d (value, n) ON d.n = e.n
JOIN json_array_elements($8::json) WITH ORDINALITY AS m (value, n) ON m.n = e.n
-- In the order given: positions follow each stream's versions.
ORDER BY e.n
RETURNING tenant_id::text, stream_id, stream_version, transaction_id::text AS tx,
  position::text AS pos`;

interface InsertedRow {
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  tx: string;
  pos: string;
}

/**
 * Appends to many streams with one INSERT of arrays: the bulk append of transactions under
 * row-level security (a tenant's), where PostgreSQL refuses COPY. Versions are checked first,
 * as for COPY; a writer that got to a stream since fails the insert on the unique index.
 */
export async function insertManyWithin(
  client: pg.ClientBase,
  appends: PreparedAppend[],
): Promise<AppendResult[]> {
  const firstVersions = await checkVersions(client, appends);
  const columns: unknown[][] = [[], [], [], [], [], []];
  const data: string[] = [];
  const metadata: string[] = [];
  appends.forEach(({ stream, rows }, i) =>
    rows.forEach((row, j) => {
      const values = [
        row.id,
        stream.tenantId,
        stream.streamId,
        firstVersions[i]! + j,
        row.type,
        row.schemaVersion,
      ];
      values.forEach((value, k) => columns[k]!.push(value));
      data.push(row.data);
      metadata.push(row.metadata);
    }),
  );
  const { rows } = await client.query<InsertedRow>(INSERT_MANY, [
    ...columns,
    `[${data.join(',')}]`,
    `[${metadata.join(',')}]`,
  ]);
  const key = (tenantId: string, streamId: string, version: number) =>
    `${tenantId}/${version}/${streamId}`;
  const inserted = new Map(
    rows.map((row) => [key(row.tenant_id, row.stream_id, row.stream_version), row]),
  );
  return appends.map(({ stream, rows: events }, i) => {
    const version = firstVersions[i]! + events.length - 1;
    const last = inserted.get(key(stream.tenantId, stream.streamId, version))!;
    return { nextExpectedVersion: version, position: toPosition(last.tx, last.pos) };
  });
}
