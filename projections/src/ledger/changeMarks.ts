import { sql, type DatabaseTransactionConnection } from 'slonik';

/**
 * Stamps the rows a batch writes with one new mark of `ledger_change_marks`. The batch holds
 * its projection's checkpoint by now, so batches draw marks in the order they commit: whoever
 * kept the largest mark it read finds every later change with `change_mark > kept`.
 */
export async function stampChangeMark(
  tx: DatabaseTransactionConnection,
  rows: { change_mark: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  const mark = Number(await tx.oneFirst(sql.unsafe`SELECT nextval('ledger_change_marks')`));
  for (const row of rows) row.change_mark = mark;
}
