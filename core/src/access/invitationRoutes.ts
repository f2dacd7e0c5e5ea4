import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/index.ts';
import type { Mailer } from '../messaging/mailer.ts';
import { eventOf } from './commandContext.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { commandContextOf, inPrincipalTenant, principalOf } from './requestContext.ts';
import { mayAssign, type Role } from './roles.ts';
import {
  emailSchema,
  idParams,
  nameSchema,
  objectSchema,
  passwordSchema,
  roleSchema,
} from './schemas.ts';
import { startSession } from './startSession.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { addMember } from './tenantRegistration.ts';

const INVITATION_DAYS = 7;

const invite = defineRoute<unknown, unknown, { email: string; role: Role }>({
  method: 'POST',
  path: '/api/invitations',
  operationId: 'inviteUser',
  summary: 'Invite a person by e-mail to join your company with a role',
  tags: ['users'],
  access: 'users.manage',
  body: objectSchema({ email: emailSchema, role: roleSchema }),
  responses: { 201: { description: 'The invitation; its link went out by e-mail' } },
  handler: async (ctx, { body }) => {
    const principal = principalOf(ctx);
    if (!mayAssign(principal.role, body.role)) {
      throw new ForbiddenError(`Your role (${principal.role}) may not invite a ${body.role}.`);
    }
    const { tenantDb, clock, mailer } = ctx.state.container.cradle as {
      tenantDb: TenantDatabase;
      clock: Clock;
      mailer: Mailer;
    };
    const token = newSecret();
    const id = uuidv7();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const { tenantId } = principal;

    const link = `${ctx.origin}/invitation?token=${token}`;
    // Sent inside the transaction: if the mail cannot go out, no invitation is left behind.
    await tenantDb.transaction({ tenantId }, async (tx) => {
      await tx.query(
        `INSERT INTO invitations (id, tenant_id, email, role, token_hash, invited_by, invited_at,
           expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, tenantId, body.email, body.role, hashSecret(token), principal.id, now, expiresAt],
      );
      await tx.append(
        `invitation-${id}`,
        [eventOf(commandContextOf(ctx), tenantId, 'UserInvited', { invitationId: id, ...body })],
        'no_stream',
      );
      const { rows } = await tx.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [
        tenantId,
      ]);
      const tenantName = rows[0]!.name;
      await mailer.send({
        tenantId,
        to: body.email,
        subject: `Zaproszenie do ${tenantName} w Monity / Invitation to ${tenantName}`,
        text:
          `${principal.name} zaprasza Cię do firmy ${tenantName} w Monity.\n` +
          `Przyjmij zaproszenie: ${link}\n\n` +
          `${principal.name} invites you to ${tenantName} on Monity.\nAccept: ${link}\n`,
      });
    });
    ctx.status = 201;
    return { id, email: body.email, role: body.role, invitedAt: now, expiresAt };
  },
});

const cancel = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/invitations/:id',
  operationId: 'cancelInvitation',
  summary: 'Cancel an invitation not yet accepted',
  tags: ['users'],
  access: 'users.manage',
  params: idParams,
  responses: { 204: { description: 'Cancelled' }, 404: { description: 'No such invitation' } },
  handler: async (ctx, { params }) => {
    await inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query<{ email: string }>(
        `UPDATE invitations SET cancelled_at = now() WHERE id = $1 AND tenant_id = $2
           AND accepted_at IS NULL AND cancelled_at IS NULL RETURNING email`,
        [params.id, tenantId],
      );
      if (!rows[0]) throw new NotFoundError('No open invitation with this id.');
      await tx.append(
        `invitation-${params.id}`,
        [
          eventOf(commandContextOf(ctx), tenantId, 'InvitationCancelled', {
            invitationId: params.id,
            email: rows[0].email,
          }),
        ],
        'any',
      );
    });
    ctx.status = 204;
  },
});

interface InvitationRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  email: string;
  role: Role;
  expires_at: Date;
}

async function openInvitation(appPool: pg.Pool, token: string, now: Date) {
  const { rows } = await appPool.query<InvitationRow>('SELECT * FROM invitation_by_token($1)', [
    hashSecret(token),
  ]);
  const invitation = rows[0];
  if (!invitation || invitation.expires_at <= now) {
    throw new NotFoundError('This invitation is not valid any more.');
  }
  return invitation;
}

const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 20, maxLength: 100 } },
};

const show = defineRoute<{ token: string }>({
  method: 'GET',
  path: '/api/invitations/:token',
  operationId: 'getInvitation',
  summary: 'The company and role an invitation offers',
  tags: ['users'],
  access: 'public',
  params: tokenParams,
  responses: { 200: { description: 'The invitation' }, 404: { description: 'Not valid' } },
  handler: async (ctx, { params }) => {
    const { appPool, clock } = ctx.state.container.cradle as { appPool: pg.Pool; clock: Clock };
    const invitation = await openInvitation(appPool, params.token, clock.now());
    return { email: invitation.email, tenantName: invitation.tenant_name, role: invitation.role };
  },
});

interface Acceptance {
  token: string;
  name: string;
  password: string;
}

const accept = defineRoute<unknown, unknown, Acceptance>({
  method: 'POST',
  path: '/api/invitations/accept',
  operationId: 'acceptInvitation',
  summary: 'Join a company by invitation, and log in',
  description:
    'A person new to Monity sets a name and password; one who has an account ' +
    "must give that account's password.",
  tags: ['users'],
  access: 'public',
  body: objectSchema({
    token: { type: 'string', maxLength: 100 },
    name: nameSchema,
    password: passwordSchema,
  }),
  responses: { 200: { description: 'The new session' } },
  handler: async (ctx, { body }) => {
    const { appPool, clock, tenantDb } = ctx.state.container.cradle as {
      appPool: pg.Pool;
      clock: Clock;
      tenantDb: TenantDatabase;
    };
    const invitation = await openInvitation(appPool, body.token, clock.now());
    const existing = await appPool.query<{ id: string; password_hash: string }>(
      'SELECT id, password_hash FROM users WHERE lower(email) = lower($1)',
      [invitation.email],
    );
    const known = existing.rows[0];
    if (known && !(await verifyPassword(known.password_hash, body.password))) {
      throw new UnauthenticatedError('Give the password of your Monity account to join.');
    }
    const userId = existing.rows[0]?.id ?? uuidv7();
    const passwordHash = existing.rows[0] ? undefined : await hashPassword(body.password);
    const context = commandContextOf(ctx, { kind: 'user', id: userId });

    await tenantDb.transaction({ tenantId: invitation.tenant_id, userId }, async (tx) => {
      const taken = await tx.query(
        `UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL
           AND cancelled_at IS NULL RETURNING id`,
        [invitation.id, clock.now()],
      );
      if (!taken.rows[0]) throw new ConflictError('invitation_used', 'This invitation was used.');
      if (passwordHash) {
        await tx.query(
          `INSERT INTO users (id, email, name, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [userId, invitation.email, body.name, passwordHash, clock.now()],
        );
      }
      await addMember(tx, context, invitation.tenant_id, {
        userId,
        email: invitation.email,
        name: body.name,
        role: invitation.role,
      });
    });
    return startSession(ctx, userId, invitation.tenant_id);
  },
});

export const invitationRoutes: RouteDefinition[] = [invite, cancel, show, accept];
