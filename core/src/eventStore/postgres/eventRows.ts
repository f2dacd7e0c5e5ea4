import pg from 'pg';
import type { EventMetadata, GlobalPosition, RecordedEvent } from '../eventStore.ts';

/**
 * The columns every read selects. The time comes as epoch milliseconds: a number is far
 * cheaper to turn into a Date than PostgreSQL's text form, which matters when replaying
 * millions of events (`date_part` computes in float8, `extract` in slower numeric).
 */
export const EVENT_COLUMNS = `transaction_id::text AS tx, position::text AS pos, id, tenant_id,
  stream_id, stream_version, type, schema_version, data, metadata,
  date_part('epoch', recorded_at) * 1000 AS recorded_ms`;

/**
 * A row as read in array mode, in the order of EVENT_COLUMNS, with `data` and `metadata` left
 * as the JSON text PostgreSQL returned: arrays spare the driver building an object per row.
 */
export type EventRow = [
  tx: string,
  pos: string,
  id: string,
  tenantId: string,
  streamId: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  recordedMs: number,
];

const JSON_OID = 114;

/** Query types that leave json columns as text, for `RecordedEventRow` to decode on demand. */
export const RAW_JSON_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSON_OID
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * A recorded event whose payload and metadata are decoded from JSON on first access, once.
 * Decoding dominates a replay, and most readers of the log look at the data of some events and
 * the metadata of few; `toJSON` keeps it serialisable as a plain event.
 */
export class RecordedEventRow implements RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly tenantId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: GlobalPosition;
  readonly recordedAt: Date;
  #row: EventRow | [...EventRow, ...unknown[]];
  #data: unknown;
  #metadata: EventMetadata | undefined;

  constructor(row: EventRow | [...EventRow, ...unknown[]]) {
    this.#row = row;
    this.id = row[2];
    this.type = row[6];
    this.schemaVersion = row[7];
    this.tenantId = row[3];
    this.streamId = row[4];
    this.streamVersion = row[5];
    this.position = { transaction: BigInt(row[0]), sequence: BigInt(row[1]) };
    this.recordedAt = new Date(row[10]);
  }

  get data(): unknown {
    if (this.#data === undefined) this.#data = JSON.parse(this.#row[8]);
    return this.#data;
  }

  get metadata(): EventMetadata {
    this.#metadata ??= JSON.parse(this.#row[9]) as EventMetadata;
    return this.#metadata;
  }

  toJSON() {
    const { id, type, schemaVersion, data, metadata, tenantId, streamId, streamVersion } = this;
    const position = `${this.position.transaction}:${this.position.sequence}`;
    return {
      id,
      type,
      schemaVersion,
      data,
      metadata,
      tenantId,
      streamId,
      streamVersion,
      position,
      recordedAt: this.recordedAt,
    };
  }
}

export function toPosition(tx: string, pos: string): GlobalPosition {
  return { transaction: BigInt(tx), sequence: BigInt(pos) };
}
