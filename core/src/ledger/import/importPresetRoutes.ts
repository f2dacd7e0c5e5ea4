import { v7 as uuidv7 } from 'uuid';
import { inPrincipalTenant } from '../../access/requestContext.ts';
import { NotFoundError } from '../../errors.ts';
import { defineRoute, type RouteDefinition } from '../../http/defineRoute.ts';
import type { JsonSchema } from '../../http/jsonSchema.ts';
import { columnMappingSchema, type ColumnMapping } from './columnMapping.ts';

const nameParams: JsonSchema<{ name: string }> = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
};

const list = defineRoute({
  method: 'GET',
  path: '/api/import-presets',
  operationId: 'listImportPresets',
  summary: 'Saved column mappings, by name',
  tags: ['import'],
  access: 'ledger.read',
  responses: { 200: { description: 'The presets' } },
  handler: (ctx) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `SELECT name, mapping, updated_at AS "updatedAt" FROM import_presets
         WHERE tenant_id = $1 ORDER BY name`,
        [tenantId],
      );
      return { items: rows };
    }),
});

const save = defineRoute<{ name: string }, unknown, { mapping: ColumnMapping }>({
  method: 'PUT',
  path: '/api/import-presets/:name',
  operationId: 'saveImportPreset',
  summary: 'Save a column mapping under a name, replacing one of the same name',
  tags: ['import'],
  access: 'ledger.write',
  params: nameParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['mapping'],
    properties: { mapping: columnMappingSchema },
  },
  responses: { 200: { description: 'The preset' } },
  handler: (ctx, { params, body }) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `INSERT INTO import_presets (id, tenant_id, name, mapping, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (tenant_id, name) DO UPDATE SET mapping = excluded.mapping, updated_at = now()
         RETURNING name, mapping, updated_at AS "updatedAt"`,
        [uuidv7(), tenantId, params.name, JSON.stringify(body.mapping)],
      );
      return rows[0];
    }),
});

const remove = defineRoute<{ name: string }>({
  method: 'DELETE',
  path: '/api/import-presets/:name',
  operationId: 'deleteImportPreset',
  summary: 'Delete a saved column mapping',
  tags: ['import'],
  access: 'ledger.write',
  params: nameParams,
  responses: { 204: { description: 'Deleted' } },
  handler: async (ctx, { params }) => {
    const deleted = await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rowCount } = await tx.query(
        'DELETE FROM import_presets WHERE tenant_id = $1 AND name = $2',
        [tenantId, params.name],
      );
      return rowCount === 1;
    });
    if (!deleted) throw new NotFoundError('No preset of that name');
    ctx.status = 204;
    return undefined;
  },
});

export const importPresetRoutes: RouteDefinition[] = [list, save, remove];
