import type { Clock } from '../clock.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { NotFoundError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';
import { setSessionCookie } from './authenticate.ts';
import { eventOf } from './commandContext.ts';
import { commandContextOf } from './requestContext.ts';
import { permissionsOf, type Role } from './roles.ts';
import { createSession, endSession, type SessionTimeouts } from './sessions.ts';
import { sessionView } from './sessionView.ts';

interface MemberRow {
  tenant_id: string;
  role: Role;
  email: string;
  name: string;
}

/**
 * Logs a person in to one of their tenants (the one asked for, or the one they joined last):
 * a new session, its cookie, and a `UserLoggedIn` fact. An earlier session of this browser
 * ends, so switching tenants also gets a fresh session id.
 */
export async function startSession(ctx: HttpContext, userId: string, tenantId?: string) {
  const { tenantDb, clock, sessionTimeouts } = ctx.state.container.cradle as {
    tenantDb: TenantDatabase;
    clock: Clock;
    sessionTimeouts: SessionTimeouts;
  };
  const member = await tenantDb.transaction({ tenantId: null, userId }, async (tx) => {
    const { rows } = await tx.query<MemberRow>(
      `SELECT m.tenant_id, m.role, u.email, u.name FROM memberships m
       JOIN users u ON u.id = m.user_id
       WHERE m.user_id = $1 AND m.status = 'active' AND ($2::uuid IS NULL OR m.tenant_id = $2)
       ORDER BY m.created_at DESC LIMIT 1`,
      [userId, tenantId ?? null],
    );
    return rows[0];
  });
  if (!member) throw new NotFoundError('You are not an active member of that company.');

  const context = commandContextOf(ctx, { kind: 'user', id: userId });
  const scope = { tenantId: member.tenant_id, userId };
  const session = await tenantDb.transaction(scope, async (tx) => {
    const previous = ctx.state.principal?.session?.idHash;
    if (previous) await endSession(tx, previous);
    const created = await createSession(tx, userId, member.tenant_id, {
      clock,
      timeouts: sessionTimeouts,
    });
    await tx.query('UPDATE users SET last_login_at = $2 WHERE id = $1', [userId, clock.now()]);
    await tx.append(
      `member-${userId}`,
      [eventOf(context, member.tenant_id, 'UserLoggedIn', { userId })],
      'any',
    );
    return created;
  });
  setSessionCookie(ctx, session.cookie, session.expiresAt);

  return sessionView(tenantDb, {
    userId,
    email: member.email,
    name: member.name,
    tenantId: member.tenant_id,
    role: member.role,
    permissions: permissionsOf(member.role),
    csrfToken: session.csrfToken,
  });
}
