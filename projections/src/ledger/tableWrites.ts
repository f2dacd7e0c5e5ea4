import { sql, type DatabaseTransactionConnection, type IdentifierSqlToken } from 'slonik';

/** A column written by `upsertRows`, with the PostgreSQL type its values are sent as. */
export interface Column<Row> {
  name: keyof Row & string;
  type: 'uuid' | 'text' | 'date' | 'int8' | 'bool' | 'jsonb' | 'timestamptz';
}

/**
 * Writes many rows in one statement: one array per column, unnested into rows, inserted or
 * updated by key. A batch of a thousand events becomes a handful of statements this way.
 */
export async function upsertRows<Row extends object>(
  tx: DatabaseTransactionConnection,
  table: IdentifierSqlToken,
  columns: Column<Row>[],
  key: (keyof Row & string)[],
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const updates = columns
    .filter((c) => !key.includes(c.name))
    .map((c) => sql.fragment`${sql.identifier([c.name])} = excluded.${sql.identifier([c.name])}`);
  await tx.query(sql.unsafe`
    ${insertFromArrays(table, columns, rows)}
    ON CONFLICT (${sql.join(
      key.map((k) => sql.identifier([k])),
      sql.fragment`, `,
    )})
    DO UPDATE SET ${sql.join(updates, sql.fragment`, `)}`);
}

export async function insertRows<Row extends object>(
  tx: DatabaseTransactionConnection,
  table: IdentifierSqlToken,
  columns: Column<Row>[],
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(sql.unsafe`${insertFromArrays(table, columns, rows)}`);
}

/** `INSERT … SELECT * FROM unnest(…)`: one array parameter per column. */
function insertFromArrays<Row extends object>(
  table: IdentifierSqlToken,
  columns: Column<Row>[],
  rows: Row[],
) {
  const names = columns.map((c) => sql.identifier([c.name]));
  const arrays = columns.map((c) =>
    sql.array(
      rows.map((row) => toParameter(row[c.name], c.type)),
      c.type,
    ),
  );
  return sql.fragment`INSERT INTO ${table} (${sql.join(names, sql.fragment`, `)})
    SELECT * FROM unnest(${sql.join(arrays, sql.fragment`, `)})`;
}

function toParameter(value: unknown, type: Column<object>['type']) {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  if (type === 'int8') return String(value);
  return value as string | boolean;
}

/**
 * Adds rows of changes to running totals: rows are inserted, or their `sums` columns added to
 * the row already stored under `key`. Rows sharing a key must have been merged beforehand.
 */
export async function addToRows<Row extends object>(
  tx: DatabaseTransactionConnection,
  table: IdentifierSqlToken,
  columns: Column<Row>[],
  key: (keyof Row & string)[],
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const sums = columns
    .filter((c) => !key.includes(c.name))
    .map((c) => {
      const column = sql.identifier([c.name]);
      return sql.fragment`${column} = ${table}.${column} + excluded.${column}`;
    });
  await tx.query(sql.unsafe`
    ${insertFromArrays(table, columns, rows)}
    ON CONFLICT (${sql.join(
      key.map((k) => sql.identifier([k])),
      sql.fragment`, `,
    )})
    DO UPDATE SET ${sql.join(sums, sql.fragment`, `)}`);
}
