import type { EventMetadata, GlobalPosition, RecordedEvent } from '../eventStore.ts';

/**
 * The columns every read selects. The time comes as epoch milliseconds: a number is far
 * cheaper to turn into a Date than PostgreSQL's text form, which matters when replaying
 * millions of events.
 */
export const EVENT_COLUMNS = `transaction_id::text AS tx, position::text AS pos, id, tenant_id,
  stream_id, stream_version, type, schema_version, data, metadata,
  (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms`;

export interface EventRow {
  tx: string;
  pos: string;
  id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_ms: number;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: { transaction: BigInt(row.tx), sequence: BigInt(row.pos) },
    recordedAt: new Date(row.recorded_ms),
  };
}

export function toPosition(tx: string, pos: string): GlobalPosition {
  return { transaction: BigInt(tx), sequence: BigInt(pos) };
}
