import type { StreamAddress } from '../eventStore.ts';

/** One prepared event's own columns, as `prepareAppend` serialised them. */
interface CopyEvent {
  id: string;
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

// Every event of a batch usually carries the same metadata: escaped once, not once per line.
let lastMetadata = '';
let lastEscapedMetadata = '';

function escapeMetadata(metadata: string): string {
  if (metadata !== lastMetadata) {
    lastMetadata = metadata;
    lastEscapedMetadata = escapeCopyText(metadata);
  }
  return lastEscapedMetadata;
}

/** The tenant and stream columns of a line, shared by every event of one append. */
export function copyStreamColumns(stream: StreamAddress): string {
  return `${stream.tenantId}\t${escapeCopyText(stream.streamId)}`;
}

/** One event as a line of `COPY events (...) FROM STDIN`, in text format. */
export function toCopyLine(
  position: string,
  streamColumns: string,
  streamVersion: number,
  event: CopyEvent,
): string {
  return (
    `${position}\t${event.id}\t${streamColumns}\t${streamVersion}\t` +
    `${escapeCopyText(event.type)}\t${event.schemaVersion}\t` +
    `${escapeCopyText(event.data)}\t${escapeMetadata(event.metadata)}\n`
  );
}
