import { sql, type DatabasePool } from 'slonik';
import { lockOverdueDays, NO_DAY } from './ledgerAggregates.ts';
import { CUSTOMER_TOTALS, INVOICES, OVERDUE_DAY } from './ledgerTables.ts';

/**
 * Moves a tenant's customer overdue totals to `today`: whatever fell due since the day they
 * were kept for is added (or, for a clock moved back, taken away). The projection writes its
 * changes under the same row lock, so every open invoice is counted exactly once. A day's move
 * reads only the invoices due in between, through the open-invoice index; the first move of a
 * tenant (from `NO_DAY`) reads all its overdue invoices once.
 *
 * Runs as the owner: readers cannot write the read models.
 */
export async function moveOverdueDay(db: DatabasePool, tenantId: string, today: string) {
  // Most reads find the day already moved: a plain read, no lock, lets them pass side by side.
  const kept = await db.maybeOneFirst(sql.unsafe`
    SELECT day::text FROM ${sql.identifier([OVERDUE_DAY])} WHERE tenant_id = ${tenantId}`);
  if (kept === today) return;
  await db.transaction(async (tx) => {
    const day = (await lockOverdueDays(tx, sql.identifier([OVERDUE_DAY]), [tenantId])).get(
      tenantId,
    )!;
    if (day === today) return;
    const forward = day === NO_DAY || day < today;
    const [from, to] = forward ? [day, today] : [today, day];
    const sign = forward ? 1 : -1;
    await tx.query(sql.unsafe`
      INSERT INTO ${sql.identifier([CUSTOMER_TOTALS])} AS t (tenant_id, customer_id, currency,
        open_amount, open_invoices, overdue_amount, overdue_invoices)
      SELECT tenant_id, customer_id, currency, 0, 0, ${sign} * sum(open_amount), ${sign} * count(*)
      FROM ${sql.identifier([INVOICES])}
      WHERE tenant_id = ${tenantId} AND open_amount > 0
        AND due_date >= ${from}::date AND due_date < ${to}::date
      GROUP BY tenant_id, customer_id, currency
      ON CONFLICT (tenant_id, customer_id, currency) DO UPDATE SET
        overdue_amount = t.overdue_amount + excluded.overdue_amount,
        overdue_invoices = t.overdue_invoices + excluded.overdue_invoices`);
    await tx.query(sql.unsafe`
      UPDATE ${sql.identifier([OVERDUE_DAY])} SET day = ${today}::date
      WHERE tenant_id = ${tenantId}`);
  });
}
