import { ValidationError } from '@monity/core';

/**
 * Keyset paging over any sort: the cursor carries the last row's sort value and id, so the
 * next page starts right after it however many rows come before, and rows added meanwhile do
 * not shift it. Opaque to clients: base64url of a JSON pair.
 */
function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): [unknown, string] | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      return parsed as [unknown, string];
    }
  } catch {
    // falls through to the error below
  }
  throw new ValidationError('The cursor is not one this API gave', [
    { pointer: '/query/after', message: 'must be the `next` of a previous page' },
  ]);
}

/** Builds a parameterised query step by step: `$n` placeholders for every value added. */
export class QueryParts {
  readonly values: unknown[] = [];
  readonly where: string[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  when(condition: string): void {
    this.where.push(condition);
  }
}

export interface SortSpec {
  /** SQL of the sort value, over the query's row alias. */
  expression: string;
  type: 'text' | 'date' | 'bigint';
  descending: boolean;
  /** Whether the value can be NULL; a NOT NULL column is ordered as is, so its index serves. */
  nullable?: boolean;
}

/** Adds the keyset condition and returns the ORDER BY of a sort, ids breaking ties. */
export function pageBy(parts: QueryParts, sort: SortSpec, idColumn: string, after?: string) {
  const cursor = decodeCursor(after);
  const direction = sort.descending ? 'DESC' : 'ASC';
  // NULLs would sort apart from every value, so a nullable value is read as the lowest one.
  const lowest =
    sort.type === 'text'
      ? "''"
      : sort.type === 'date'
        ? "'-infinity'::date"
        : '-9223372036854775808';
  const orNull = (sql: string) => (sort.nullable ? `coalesce(${sql}, ${lowest})` : sql);
  const value = orNull(sort.expression);
  if (cursor) {
    const op = sort.descending ? '<' : '>';
    const v = parts.param(cursor[0] ?? null);
    const id = parts.param(cursor[1]);
    parts.when(`(${value}, ${idColumn}) ${op} (${orNull(`${v}::${sort.type}`)}, ${id}::uuid)`);
  }
  return { orderBy: `${value} ${direction}, ${idColumn} ${direction}`, value };
}

/** A LIKE pattern finding `text` anywhere, case-insensitively, its wildcards escaped. */
export function containing(text: string): string {
  return `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The page of a query that fetched one row more than `limit`: that extra row only says a next
 * page exists, whose cursor is the last row kept.
 */
export function pageOf<Row extends { sort_value: unknown }, Item>(
  rows: Row[],
  limit: number,
  idOf: (row: Row) => string,
  toItem: (row: Row) => Item,
): { items: Item[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    next: rows.length > limit && last ? encodeCursor(last.sort_value, idOf(last)) : null,
  };
}
