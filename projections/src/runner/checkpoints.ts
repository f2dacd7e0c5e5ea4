import { type GlobalPosition, START } from '@monity/core';
import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

export type Slot = 'live' | 'rebuild';

export interface Checkpoint {
  version: number;
  position: GlobalPosition;
}

const positionRow = z.object({ tx: z.string(), pos: z.string() });
const checkpointRow = positionRow.extend({ version: z.number() });

/** Reads a slot's checkpoint; with `forUpdate`, holds it so no other worker moves it. */
export async function readCheckpoint(
  db: CommonQueryMethods,
  projection: string,
  slot: Slot,
  { forUpdate = false } = {},
): Promise<Checkpoint | null> {
  const row = await db.maybeOne(sql.type(checkpointRow)`
    SELECT version, transaction_id::text AS tx, position::text AS pos
    FROM projection_checkpoints WHERE projection = ${projection} AND slot = ${slot}
    ${forUpdate ? sql.fragment`FOR UPDATE` : sql.fragment``}`);
  if (!row) return null;
  return {
    version: row.version,
    position: { transaction: BigInt(row.tx), sequence: BigInt(row.pos) },
  };
}

export async function createCheckpoint(
  db: CommonQueryMethods,
  projection: string,
  slot: Slot,
  version: number,
): Promise<Checkpoint> {
  await db.query(sql.unsafe`
    INSERT INTO projection_checkpoints (projection, slot, version)
    VALUES (${projection}, ${slot}, ${version})`);
  return { version, position: START };
}

export async function moveCheckpoint(
  db: CommonQueryMethods,
  projection: string,
  slot: Slot,
  position: GlobalPosition,
): Promise<void> {
  await db.query(sql.unsafe`
    UPDATE projection_checkpoints
    SET transaction_id = ${position.transaction.toString()}::xid8,
        position = ${position.sequence.toString()}, updated_at = now()
    WHERE projection = ${projection} AND slot = ${slot}`);
}

export async function deleteCheckpoint(db: CommonQueryMethods, projection: string, slot: Slot) {
  await db.query(sql.unsafe`
    DELETE FROM projection_checkpoints WHERE projection = ${projection} AND slot = ${slot}`);
}

/** Makes the rebuild's checkpoint the live one; returns where the read model now stands. */
export async function promoteRebuild(
  db: CommonQueryMethods,
  projection: string,
): Promise<GlobalPosition> {
  await deleteCheckpoint(db, projection, 'live');
  const row = await db.one(sql.type(positionRow)`
    UPDATE projection_checkpoints SET slot = 'live', updated_at = now()
    WHERE projection = ${projection} AND slot = 'rebuild'
    RETURNING transaction_id::text AS tx, position::text AS pos`);
  return { transaction: BigInt(row.tx), sequence: BigInt(row.pos) };
}

export interface LiveCheckpoint {
  projection: string;
  position: GlobalPosition;
}

/** Where every live read model stands. */
export async function readLiveCheckpoints(db: CommonQueryMethods): Promise<LiveCheckpoint[]> {
  const rows = await db.any(sql.type(positionRow.extend({ projection: z.string() }))`
    SELECT projection, transaction_id::text AS tx, position::text AS pos
    FROM projection_checkpoints WHERE slot = 'live' ORDER BY projection`);
  return rows.map((row) => ({
    projection: row.projection,
    position: { transaction: BigInt(row.tx), sequence: BigInt(row.pos) },
  }));
}
