import { Readable } from 'node:stream';
import {
  CRITERIA_FIELDS,
  defineRoute,
  NotFoundError,
  type Catalogue,
  readCatalogue,
  validateCriteria,
  type GroupSelection,
  type HttpContext,
  type JsonSchema,
  type RouteDefinition,
  type TenantTransaction,
} from '@monity/core';
import { stringify } from 'csv-stringify/sync';
import type { DatabasePool } from 'slonik';
import { moveOverdueDay } from '../ledger/overdueDay.ts';
import { reading } from '../ledger/tenantReading.ts';
import { GROUP_VERSIONS, GROUPS } from './groupProjection.ts';
import type { PreviewIndexes } from './previewIndex/previewIndexes.ts';
import {
  currenciesOf,
  previewSelection,
  selectionMembers,
  type SelectionScope,
} from './selectionQueries.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: uuid },
};

interface GroupRow {
  group_id: string;
  name: string;
  version: number;
  criteria: GroupSelection['criteria'];
  currency: string | null;
  include_excluded: boolean;
  created_at: string;
  updated_at: string;
}

const GROUP_COLUMNS = `group_id, name, version, criteria, currency, include_excluded,
  to_json(created_at) #>> '{}' AS created_at, to_json(updated_at) #>> '{}' AS updated_at`;

const toGroup = (row: GroupRow) => ({
  id: row.group_id,
  name: row.name,
  version: row.version,
  criteria: row.criteria,
  currency: row.currency,
  includeExcluded: row.include_excluded,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

async function groupRow(tx: TenantTransaction, id: string) {
  const { rows } = await tx.query<GroupRow>(
    `SELECT ${GROUP_COLUMNS} FROM ${GROUPS} WHERE group_id = $1`,
    [id],
  );
  if (!rows[0]) throw new NotFoundError('No such group');
  return rows[0];
}

const selectionOf = (row: GroupRow): GroupSelection => ({
  criteria: row.criteria,
  ...(row.currency ? { currency: row.currency } : {}),
  includeExcluded: row.include_excluded,
});

/**
 * What the criteria compiler needs of a tenant, once the customers' overdue totals are moved
 * to the tenant's today.
 */
async function selectionScope(
  ctx: HttpContext,
  tx: TenantTransaction,
  { tenantId, today, catalogue }: { tenantId: string; today: string; catalogue?: Catalogue },
): Promise<SelectionScope> {
  await moveOverdueDay(ctx.state.container.resolve<DatabasePool>('db'), tenantId, today);
  // A selection is summed per customer and currency: a hundred thousand sums, hashed in
  // memory rather than spilled to disk at the default 4 MB.
  await tx.query("SET LOCAL work_mem = '64MB'");
  return {
    tenantId,
    today,
    catalogue: catalogue ?? (await readCatalogue(tx, tenantId)),
    currencies: await currenciesOf(tx, tenantId),
  };
}

/** Reads a selection in the principal's tenant: `work` runs with its scope. */
function selecting<T>(
  ctx: HttpContext,
  work: (tx: TenantTransaction, scope: SelectionScope) => Promise<T>,
) {
  return reading(ctx, async (tx, tenantId, today) =>
    work(tx, await selectionScope(ctx, tx, { tenantId, today })),
  );
}

/**
 * A preview from the tenant's open invoices in memory when the index can answer it; else by
 * SQL. The index needs neither the overdue totals moved nor the SQL's currencies.
 */
function previewing(
  ctx: HttpContext,
  indexes: PreviewIndexes,
  selection: GroupSelection,
  limit: number,
) {
  return reading(ctx, async (tx, tenantId, today) => {
    const started = performance.now();
    const catalogue = await readCatalogue(tx, tenantId);
    const pointer = '/body';
    const quick = { tenantId, today, catalogue, currencies: [], pointer };
    const fromMemory = await indexes.preview(tx, selection, quick, limit);
    const answer =
      fromMemory ??
      (await previewSelection(
        tx,
        selection,
        { ...(await selectionScope(ctx, tx, { tenantId, today, catalogue })), pointer },
        limit,
      ));
    if (!fromMemory) indexes.warm(tenantId);
    // Says which path answered, for the benchmark and for anyone tracing a slow preview.
    const ms = (performance.now() - started).toFixed(1);
    ctx.set('server-timing', `preview;desc="${fromMemory ? 'memory' : 'sql'}";dur=${ms}`);
    return answer;
  });
}

const fields = defineRoute({
  method: 'GET',
  path: '/api/group-fields',
  operationId: 'listGroupFields',
  summary: 'The fields group criteria may test, with the operators each allows',
  tags: ['groups'],
  access: 'ledger.read',
  responses: { 200: { description: 'Fields and operators' } },
  handler: () => ({ fields: CRITERIA_FIELDS }),
});

interface PreviewBody extends GroupSelection {
  limit: number;
}

const preview = (indexes: PreviewIndexes) =>
  defineRoute<unknown, unknown, PreviewBody>({
    method: 'POST',
    path: '/api/groups/preview',
    operationId: 'previewGroup',
    summary: 'How many customers, invoices and how much money criteria take in, and who first',
    tags: ['groups'],
    access: 'ledger.read',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['criteria'],
      properties: {
        // Checked by validateCriteria, which measures the depth before any schema walks it.
        criteria: { type: 'object' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        includeExcluded: { type: 'boolean', default: false },
        limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
      },
    },
    responses: {
      200: { description: 'Counts, open amounts per currency and the first customers' },
    },
    handler: (ctx, { body }) => {
      const criteria = validateCriteria(body.criteria, '/body/criteria');
      const { limit, ...selection } = { ...body, criteria };
      return previewing(ctx, indexes, selection, limit);
    },
  });

const list = defineRoute({
  method: 'GET',
  path: '/api/groups',
  operationId: 'listGroups',
  summary: "The tenant's collection groups by name",
  tags: ['groups'],
  access: 'ledger.read',
  responses: { 200: { description: 'Groups by name' } },
  handler: (ctx) =>
    reading(ctx, async (tx) => {
      const { rows } = await tx.query<GroupRow>(
        `SELECT ${GROUP_COLUMNS} FROM ${GROUPS} ORDER BY lower(name), group_id`,
      );
      return { items: rows.map(toGroup) };
    }),
});

const show = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/groups/:id',
  operationId: 'getGroup',
  summary: 'A collection group at its current version',
  tags: ['groups'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'The group' } },
  handler: (ctx, { params }) => reading(ctx, async (tx) => toGroup(await groupRow(tx, params.id))),
});

const versions = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/groups/:id/versions',
  operationId: 'listGroupVersions',
  summary: 'Every version a group had, newest first, and who saved it',
  tags: ['groups'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'Versions, newest first' } },
  handler: (ctx, { params }) =>
    reading(ctx, async (tx) => {
      const { rows } = await tx.query<
        Omit<GroupRow, 'created_at' | 'updated_at'> & {
          changed_at: string;
          changed_by: string;
        }
      >(
        `SELECT version, name, criteria, currency, include_excluded, changed_by,
           to_json(changed_at) #>> '{}' AS changed_at
         FROM ${GROUP_VERSIONS} WHERE group_id = $1 ORDER BY version DESC`,
        [params.id],
      );
      if (rows.length === 0) throw new NotFoundError('No such group');
      return {
        items: rows.map((row) => ({
          version: row.version,
          name: row.name,
          criteria: row.criteria,
          currency: row.currency,
          includeExcluded: row.include_excluded,
          changedAt: row.changed_at,
          changedBy: row.changed_by,
        })),
      };
    }),
});

interface MembersQuery {
  after?: string;
  limit: number;
}

const members = defineRoute<{ id: string }, MembersQuery>({
  method: 'GET',
  path: '/api/groups/:id/members',
  operationId: 'listGroupMembers',
  summary: "A group's customers by name, each with the open invoices it matched",
  tags: ['groups'],
  access: 'ledger.read',
  params: idParams,
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      after: { type: 'string', maxLength: 500 },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  },
  responses: { 200: { description: 'One page of members and the cursor of the next' } },
  handler: (ctx, { params, query }) =>
    selecting(ctx, async (tx, scope) => {
      const group = await groupRow(tx, params.id);
      return selectionMembers(tx, selectionOf(group), scope, query);
    }),
});

const CSV_HEADER = ['customer', 'tax_id', 'invoice', 'currency', 'issue_date', 'due_date'];

const membersCsv = defineRoute<{ id: string }>({
  method: 'GET',
  path: '/api/groups/:id/members.csv',
  operationId: 'exportGroupMembers',
  summary: "A group's matching invoices as CSV, one line each, customers by name",
  tags: ['groups'],
  access: 'ledger.read',
  params: idParams,
  responses: { 200: { description: 'CSV, UTF-8 with a byte order mark for spreadsheets' } },
  handler: async (ctx, { params }) => {
    const group = await reading(ctx, (tx) => groupRow(tx, params.id));
    // Pages are read one after another as the client takes them, so memory stays flat
    // however large the group.
    async function* lines() {
      yield `\ufeff${stringify([[...CSV_HEADER, 'days_overdue', 'open_amount']])}`;
      for (let after: string | undefined, more = true; more;) {
        const page = await selecting(ctx, (tx, scope) =>
          selectionMembers(tx, selectionOf(group), scope, { after, limit: 500 }),
        );
        yield stringify(
          page.items.flatMap((m) =>
            m.invoices.map((i) => [
              m.name,
              m.taxId ?? '',
              i.number,
              i.currency,
              i.issueDate,
              i.dueDate,
              i.daysOverdue,
              i.open,
            ]),
          ),
        );
        after = page.next ?? undefined;
        more = page.next !== null;
      }
    }
    const file = group.name.replace(/[^\p{L}\p{N} _-]/gu, '_');
    ctx.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}.csv`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = Readable.from(lines());
    return undefined;
  },
});

/** The groups' read routes; previews are answered from `indexes` when they can be. */
export const groupReadRoutes = (indexes: PreviewIndexes): RouteDefinition[] => [
  fields,
  preview(indexes),
  list,
  show,
  versions,
  members,
  membersCsv,
];
