import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { NotFoundError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/index.ts';
import { API_KEY_PREFIX } from './authenticator.ts';
import { eventOf } from './commandContext.ts';
import { commandContextOf, inPrincipalTenant, principalOf } from './requestContext.ts';
import type { Role } from './roles.ts';
import { apiKeyRoleSchema, idParams, nameSchema, objectSchema } from './schemas.ts';
import { hashSecret, newSecret } from './secrets.ts';

const KEY_COLUMNS = `id, name, role, prefix, created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

const list = defineRoute({
  method: 'GET',
  path: '/api/api-keys',
  operationId: 'listApiKeys',
  summary: "Your company's API keys, revoked ones included",
  tags: ['api keys'],
  access: 'api_keys.manage',
  responses: { 200: { description: 'API keys, never their secrets' } },
  handler: (ctx) => {
    return inPrincipalTenant(ctx, async (tx, tenantId) => ({
      apiKeys: (
        await tx.query(
          `SELECT ${KEY_COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC`,
          [tenantId],
        )
      ).rows,
    }));
  },
});

const create = defineRoute<unknown, unknown, { name: string; role: Role }>({
  method: 'POST',
  path: '/api/api-keys',
  operationId: 'createApiKey',
  summary: 'Create an API key for an integration',
  description: 'The key is in this response only; Monity keeps just its hash.',
  tags: ['api keys'],
  access: 'api_keys.manage',
  body: objectSchema({ name: nameSchema, role: apiKeyRoleSchema }),
  responses: { 201: { description: 'The key, shown this once' } },
  handler: async (ctx, { body }) => {
    const principal = principalOf(ctx);
    const { tenantDb, clock } = ctx.state.container.cradle as {
      tenantDb: TenantDatabase;
      clock: Clock;
    };
    const id = uuidv7();
    const key = newSecret(API_KEY_PREFIX);
    const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
    const { tenantId } = principal;
    const created = await tenantDb.transaction({ tenantId }, async (tx) => {
      const { rows } = await tx.query(
        `INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${KEY_COLUMNS}`,
        [id, tenantId, body.name, body.role, prefix, hashSecret(key), principal.id, clock.now()],
      );
      await tx.append(
        `api-key-${id}`,
        [
          eventOf(commandContextOf(ctx), tenantId, 'ApiKeyCreated', {
            apiKeyId: id,
            prefix,
            ...body,
          }),
        ],
        'no_stream',
      );
      return rows[0];
    });
    ctx.status = 201;
    return { ...created, key };
  },
});

const revoke = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/api-keys/:id',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key; it stops working at once',
  tags: ['api keys'],
  access: 'api_keys.manage',
  params: idParams,
  responses: { 204: { description: 'Revoked' }, 404: { description: 'No such active key' } },
  handler: async (ctx, { params }) => {
    const clock = ctx.state.container.resolve<Clock>('clock');
    await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{ name: string }>(
        `UPDATE api_keys SET revoked_at = $3 WHERE id = $1 AND tenant_id = $2
           AND revoked_at IS NULL RETURNING name`,
        [params.id, tenantId, clock.now()],
      );
      if (!rows[0]) throw new NotFoundError('No active API key with this id.');
      await tx.append(
        `api-key-${params.id}`,
        [
          eventOf(commandContextOf(ctx), tenantId, 'ApiKeyRevoked', {
            apiKeyId: params.id,
            name: rows[0].name,
          }),
        ],
        'any',
      );
    });
    ctx.status = 204;
  },
});

export const apiKeyRoutes: RouteDefinition[] = [list, create, revoke];
