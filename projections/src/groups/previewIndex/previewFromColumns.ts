import { formatAmount, type GroupSelection, type TenantTransaction } from '@monity/core';
import type { previewSelection, SelectionScope } from '../selectionQueries.ts';
import { compileFilter } from './compileFilter.ts';
import { dayNumber } from './dayNumbers.ts';
import { customerHeadings } from './ledgerReads.ts';
import { scanSelection } from './scanSelection.ts';
import type { TenantIndex } from './tenantIndex.ts';

export type SelectionPreview = Awaited<ReturnType<typeof previewSelection>>;

const byCode = (a: { currency: string }, b: { currency: string }) =>
  a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0;

/**
 * What previewSelection answers, computed from a tenant's columns: the same counts, the same
 * sums written the same way, the same first customers in the same order. Only the names, tax
 * ids and cities of the customers listed are read from the database.
 */
export async function previewFromColumns(
  tx: TenantTransaction,
  index: TenantIndex,
  selection: GroupSelection,
  scope: SelectionScope,
  limit: number,
): Promise<SelectionPreview> {
  const { columns } = index;
  const today = dayNumber(scope.today);
  const filter = compileFilter(selection, {
    columns,
    today,
    catalogue: scope.catalogue,
    overdue: () => index.overdue.at(today),
  });
  const scan = scanSelection(columns, filter, limit, index.scratch);
  const code = (currency: number) => columns.currencyCodes[currency]!;
  const currencies = [...scan.currencies]
    .map(([currency, total]) => ({
      currency: code(currency),
      customers: total.customers,
      invoices: total.invoices,
      open: formatAmount(total.open, code(currency)),
    }))
    .sort(byCode);
  const ids = scan.top.map(({ c }) => columns.customers[c]!.id);
  const headings = await customerHeadings(tx, scope.tenantId, ids);
  return {
    customers: scan.customers,
    invoices: currencies.reduce((sum, c) => sum + c.invoices, 0),
    currencies,
    items: scan.top.flatMap(({ c, sums }) => {
      const heading = headings.get(columns.customers[c]!.id);
      if (!heading) return [];
      return [
        {
          customerId: heading.customer_id,
          name: heading.name,
          taxId: heading.tax_id,
          city: heading.city,
          invoices: sums.reduce((sum, s) => sum + s.invoices, 0),
          open: sums
            .map((s) => ({
              currency: code(s.currency),
              open: formatAmount(s.open, code(s.currency)),
            }))
            .sort(byCode),
        },
      ];
    }),
  };
}
