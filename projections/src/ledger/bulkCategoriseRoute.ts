import {
  commandContextOf,
  customerStream,
  defineRoute,
  eventOf,
  readCatalogue,
  ValidationError,
  type JsonSchema,
  type RouteDefinition,
} from '@monity/core';
import { customerConditions, type CustomerFilter } from './customerQueries.ts';
import { QueryParts } from './keyset.ts';
import { CUSTOMERS } from './ledgerTables.ts';
import { reading } from './tenantReading.ts';

/** How many customers one bulk change may touch; narrow the filter for more. */
const MAX_CUSTOMERS = 50_000;
const uuid = { type: 'string', format: 'uuid' } as const;
const ids = { type: 'array', maxItems: 100, uniqueItems: true, items: uuid } as const;

interface BulkBody {
  filter: CustomerFilter;
  add?: string[];
  remove?: string[];
}

const body: JsonSchema<BulkBody> = {
  type: 'object',
  additionalProperties: false,
  required: ['filter'],
  properties: {
    filter: {
      type: 'object',
      additionalProperties: false,
      properties: {
        q: { type: 'string', maxLength: 200 },
        categoryId: uuid,
        excluded: { type: 'boolean' },
        country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
        city: { type: 'string', maxLength: 200 },
        currency: { type: 'string', pattern: '^[A-Za-z]{3}$' },
        overdue: { type: 'boolean' },
      },
    },
    add: ids,
    remove: ids,
  },
};

/**
 * Adds and removes categories for every customer a list filter selects. The selection is read
 * from the read model; each customer's new set is decided against its account stream (its
 * latest categorisation and version), so a concurrent change fails the whole call instead of
 * being overwritten.
 */
export const bulkCategoriseRoute: RouteDefinition = defineRoute<unknown, unknown, BulkBody>({
  method: 'POST',
  path: '/api/customers/categories',
  operationId: 'categoriseCustomers',
  summary: 'Add or remove categories for every customer a filter selects',
  tags: ['ledger'],
  access: 'ledger.write',
  body,
  responses: { 200: { description: 'How many customers changed' } },
  handler: (ctx, { body }) =>
    reading(ctx, async (tx, tenantId, today) => {
      const catalogue = await readCatalogue(tx, tenantId);
      const add = body.add ?? [];
      const remove = new Set(body.remove ?? []);
      const unknown = add.findIndex((id) => !catalogue.categories.has(id));
      if (unknown >= 0) {
        throw new ValidationError('No such category', [
          { pointer: `/body/add/${unknown}`, message: 'is not a category of yours' },
        ]);
      }
      const parts = new QueryParts();
      customerConditions(parts, tenantId, today, body.filter);
      const limit = parts.param(MAX_CUSTOMERS + 1);
      const selected = await tx.query<{ customer_id: string }>(
        `SELECT c.customer_id FROM ${CUSTOMERS} c
         WHERE ${parts.where.join(' AND ')} LIMIT ${limit}`,
        parts.values,
      );
      if (selected.rows.length > MAX_CUSTOMERS) {
        throw new ValidationError('The filter selects too many customers', [
          { pointer: '/body/filter', message: `selects over ${MAX_CUSTOMERS}; narrow it` },
        ]);
      }
      const streams = selected.rows.map((r) => customerStream(r.customer_id));
      const { rows } = await tx.query<{
        stream_id: string;
        version: number;
        categories: string[] | null;
      }>(
        `SELECT stream_id, max(stream_version) AS version,
           (array_agg(data::text ORDER BY stream_version DESC)
              FILTER (WHERE type = 'CustomerCategorised'))[1]::json -> 'categoryIds' AS categories
         FROM events WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) GROUP BY stream_id`,
        [tenantId, streams],
      );
      let changed = 0;
      for (const row of rows) {
        const before = row.categories ?? [];
        const after = [...new Set([...before.filter((id) => !remove.has(id)), ...add])];
        if (after.length === before.length && after.every((id) => before.includes(id))) continue;
        const customerId = row.stream_id.slice('customer-'.length);
        const data = { customerId, categoryIds: after };
        const event = eventOf(commandContextOf(ctx), tenantId, 'CustomerCategorised', data);
        await tx.append(row.stream_id, [event], row.version);
        changed += 1;
      }
      return { customers: changed };
    }),
});
