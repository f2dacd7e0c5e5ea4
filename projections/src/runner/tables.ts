import { sql, type CommonQueryMethods, type IdentifierSqlToken } from 'slonik';
import { z } from 'zod';
import type { Projection, TableName } from '../projection.ts';
import type { Slot } from './checkpoints.ts';

const NAME = /^[a-z_][a-z0-9_]{0,40}$/;
const REBUILD_SUFFIX = '__rebuild';
const RETIRED_SUFFIX = '__retired';

/** The physical name of a read-model table in a slot. */
function physicalName(name: string, slot: Slot): string {
  if (!NAME.test(name)) throw new Error(`Read-model table name "${name}" is not a plain name`);
  return slot === 'live' ? name : `${name}${REBUILD_SUFFIX}`;
}

export function tableResolver(projection: Projection, slot: Slot) {
  const names = new Map(projection.tables.map((t) => [t.name, physicalName(t.name, slot)]));
  return (name: string): IdentifierSqlToken => {
    const physical = names.get(name);
    if (!physical) throw new Error(`Projection ${projection.name} has no table ${name}`);
    return sql.identifier([physical]);
  };
}

export async function createTables(db: CommonQueryMethods, projection: Projection, slot: Slot) {
  for (const table of projection.tables) {
    const physical = physicalName(table.name, slot);
    const name: TableName = (suffix) =>
      sql.identifier([suffix ? `${physical}_${suffix}` : physical]);
    const statements = table.create(name);
    for (const statement of Array.isArray(statements) ? statements : [statements]) {
      await db.query(statement);
    }
  }
}

export async function dropTables(db: CommonQueryMethods, projection: Projection, slot: Slot) {
  for (const table of projection.tables) {
    const physical = physicalName(table.name, slot);
    await db.query(sql.unsafe`DROP TABLE IF EXISTS ${sql.identifier([physical])}`);
  }
}

/**
 * Puts the rebuilt tables in place of the live ones, with their indexes and constraints
 * renamed to the live names. Runs in the caller's transaction, so readers see either the old
 * read model or the new one, never a mix.
 */
export async function swapTables(db: CommonQueryMethods, projection: Projection) {
  for (const table of projection.tables) {
    const live = physicalName(table.name, 'live');
    const rebuilt = physicalName(table.name, 'rebuild');
    const retired = `${live}${RETIRED_SUFFIX}`;
    await db.query(sql.unsafe`
      ALTER TABLE IF EXISTS ${sql.identifier([live])} RENAME TO ${sql.identifier([retired])}`);
    await db.query(sql.unsafe`DROP TABLE IF EXISTS ${sql.identifier([retired])}`);
    await db.query(sql.unsafe`
      ALTER TABLE ${sql.identifier([rebuilt])} RENAME TO ${sql.identifier([live])}`);
    await renameIndexes(db, live, rebuilt);
  }
}

async function renameIndexes(db: CommonQueryMethods, table: string, oldPrefix: string) {
  const indexes = await db.anyFirst(sql.type(z.object({ indexname: z.string() }))`
    SELECT indexname FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ${table}
      AND starts_with(indexname, ${oldPrefix})`);
  for (const index of indexes) {
    const renamed = table + index.slice(oldPrefix.length);
    await db.query(sql.unsafe`
      ALTER INDEX ${sql.identifier([index])} RENAME TO ${sql.identifier([renamed])}`);
  }
}
