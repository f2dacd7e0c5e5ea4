/** One event as it goes into `COPY events (...) FROM STDIN`, in text format. */
export interface CopyRow {
  position: string;
  id: string;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
}

export const COPY_EVENTS = `COPY events (position, id, tenant_id, stream_id, stream_version,
  type, schema_version, data, metadata) FROM STDIN`;

const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes a value for COPY's text format (backslash, newline, carriage return, tab). */
function escapeCopyText(value: string): string {
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
}

export function toCopyLine(row: CopyRow): string {
  return (
    `${row.position}\t${row.id}\t${row.tenantId}\t${escapeCopyText(row.streamId)}\t` +
    `${row.streamVersion}\t${escapeCopyText(row.type)}\t${row.schemaVersion}\t` +
    `${escapeCopyText(row.data)}\t${escapeCopyText(row.metadata)}\n`
  );
}
