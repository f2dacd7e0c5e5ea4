import type { TenantDatabase } from '../database/tenantDatabase.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import type { Principal } from './principal.ts';

/** What the web app knows of the person logged in: `GET /api/session`. */
export const sessionSchema: JsonSchema = {
  type: 'object',
  required: ['user', 'tenant', 'role', 'permissions', 'tenants', 'csrfToken'],
  properties: {
    user: {
      type: 'object',
      required: ['id', 'email', 'name'],
      properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    },
    tenant: {
      type: 'object',
      required: ['id', 'name', 'taxId', 'defaultCurrency', 'language', 'timeZone'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        taxId: { type: 'string' },
        defaultCurrency: { type: 'string' },
        language: { enum: ['pl', 'en'] },
        timeZone: { type: 'string' },
      },
    },
    role: { type: 'string' },
    permissions: { type: 'array', items: { type: 'string' } },
    tenants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'role'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
      },
    },
    csrfToken: { type: 'string' },
  },
};

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  role: string;
  permissions: readonly string[];
  csrfToken: string;
}

export function sessionUserOf(principal: Principal): SessionUser {
  const session = principal.session!;
  return {
    userId: principal.id,
    email: session.email,
    name: principal.name,
    tenantId: principal.tenantId,
    role: principal.role,
    permissions: principal.permissions,
    csrfToken: session.csrfToken,
  };
}

export async function sessionView(tenantDb: TenantDatabase, user: SessionUser) {
  return tenantDb.transaction({ tenantId: user.tenantId, userId: user.userId }, async (tx) => {
    const tenant = await tx.query(
      `SELECT id, name, tax_id AS "taxId", default_currency AS "defaultCurrency", language,
         time_zone AS "timeZone" FROM tenants WHERE id = $1`,
      [user.tenantId],
    );
    const tenants = await tx.query(
      `SELECT t.id, t.name, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
       WHERE m.user_id = $1 AND m.status = 'active' ORDER BY t.name`,
      [user.userId],
    );
    return {
      user: { id: user.userId, email: user.email, name: user.name },
      tenant: tenant.rows[0],
      role: user.role,
      permissions: user.permissions,
      tenants: tenants.rows,
      csrfToken: user.csrfToken,
    };
  });
}
