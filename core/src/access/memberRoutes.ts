import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { defineRoute, type HttpContext, type RouteDefinition } from '../http/index.ts';
import { eventOf } from './commandContext.ts';
import { commandContextOf, inPrincipalTenant, principalOf } from './requestContext.ts';
import { mayAssign, type Role } from './roles.ts';
import { idParams, objectSchema, roleSchema } from './schemas.ts';
import { endSessionsOf } from './sessions.ts';

const userSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'status', 'lastLoginAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: roleSchema,
    status: { enum: ['active', 'disabled'] },
    lastLoginAt: { type: ['string', 'null'] },
  },
};

const USER_COLUMNS = `u.id, u.email, u.name, m.role, m.status, u.last_login_at AS "lastLoginAt"`;

const listUsers = defineRoute({
  method: 'GET',
  path: '/api/users',
  operationId: 'listUsers',
  summary: 'Members of your company and the invitations still open',
  tags: ['users'],
  access: 'users.read',
  responses: { 200: { description: 'Members and open invitations' } },
  handler: (ctx) => {
    return inPrincipalTenant(ctx, async (tx, tenantId) => {
      const users = await tx.query(
        `SELECT ${USER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.tenant_id = $1 ORDER BY u.name`,
        [tenantId],
      );
      const invitations = await tx.query(
        `SELECT id, email, role, invited_at AS "invitedAt", expires_at AS "expiresAt"
         FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL AND cancelled_at IS NULL
           AND expires_at > now() ORDER BY invited_at DESC`,
        [tenantId],
      );
      return { users: users.rows, invitations: invitations.rows };
    });
  },
});

type Change = 'role' | 'disable' | 'enable';

/** Changes one member; nobody changes themselves, and only owners touch owners. */
async function changeMember(ctx: HttpContext, userId: string, change: Change, role?: Role) {
  const principal = principalOf(ctx);
  if (userId === principal.id) throw new ForbiddenError('You cannot change your own membership.');
  const tenantDb = ctx.state.container.resolve<TenantDatabase>('tenantDb');
  const context = commandContextOf(ctx);
  const { tenantId } = principal;

  return tenantDb.transaction({ tenantId }, async (tx) => {
    const current = await tx.query<{ role: Role; status: string }>(
      'SELECT role, status FROM memberships WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE',
      [tenantId, userId],
    );
    const member = current.rows[0];
    if (!member) throw new NotFoundError('No such member.');
    if (!mayAssign(principal.role, member.role) || (role && !mayAssign(principal.role, role))) {
      throw new ForbiddenError(`Your role (${principal.role}) may not change this member.`);
    }
    const event =
      change === 'role'
        ? eventOf(context, tenantId, 'MemberRoleChanged', { userId, from: member.role, to: role })
        : eventOf(context, tenantId, change === 'disable' ? 'MemberDisabled' : 'MemberEnabled', {
            userId,
          });
    await tx.query(
      `UPDATE memberships SET role = coalesce($3, role),
         status = CASE $4::text WHEN 'disable' THEN 'disabled' WHEN 'enable' THEN 'active'
           ELSE status END
       WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId, role ?? null, change],
    );
    if (change === 'disable') await endSessionsOf(tx, userId, tenantId);
    await tx.append(`member-${userId}`, [event], 'any');
    const { rows } = await tx.query(
      `SELECT ${USER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [tenantId, userId],
    );
    return rows[0];
  });
}

const changeRole = defineRoute<{ id: string }, unknown, { role: Role }>({
  method: 'PATCH',
  path: '/api/users/:id',
  operationId: 'changeMemberRole',
  summary: "Change a member's role",
  tags: ['users'],
  access: 'users.manage',
  params: idParams,
  body: objectSchema({ role: roleSchema }),
  responses: { 200: { description: 'The member', schema: userSchema } },
  handler: (ctx, { params, body }) => changeMember(ctx, params.id, 'role', body.role),
});

const disable = defineRoute<{ id: string }>({
  method: 'POST',
  path: '/api/users/:id/disable',
  operationId: 'disableMember',
  summary: 'Disable a member; their sessions in this company end at once',
  tags: ['users'],
  access: 'users.manage',
  params: idParams,
  responses: { 200: { description: 'The member', schema: userSchema } },
  handler: (ctx, { params }) => changeMember(ctx, params.id, 'disable'),
});

const enable = defineRoute<{ id: string }>({
  method: 'POST',
  path: '/api/users/:id/enable',
  operationId: 'enableMember',
  summary: 'Let a disabled member work again',
  tags: ['users'],
  access: 'users.manage',
  params: idParams,
  responses: { 200: { description: 'The member', schema: userSchema } },
  handler: (ctx, { params }) => changeMember(ctx, params.id, 'enable'),
});

export const memberRoutes: RouteDefinition[] = [listUsers, changeRole, disable, enable];
