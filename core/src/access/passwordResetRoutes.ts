import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { MonityError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/index.ts';
import type { Mailer } from '../messaging/mailer.ts';
import { eventOf } from './commandContext.ts';
import { hashPassword } from './passwords.ts';
import { commandContextOf } from './requestContext.ts';
import { emailSchema, objectSchema, passwordSchema } from './schemas.ts';
import { hashSecret, newSecret } from './secrets.ts';

const RESET_MINUTES = 60;

const request = defineRoute<unknown, unknown, { email: string }>({
  method: 'POST',
  path: '/api/auth/password-reset',
  operationId: 'requestPasswordReset',
  summary: 'E-mail a link to set a new password',
  description: 'Answers 202 whether or not the e-mail has an account, so it reveals none.',
  tags: ['access'],
  access: 'public',
  body: objectSchema({ email: emailSchema }),
  responses: { 202: { description: 'A link went out if the account exists' } },
  handler: async (ctx, { body }) => {
    const { appPool, clock, mailer } = ctx.state.container.cradle as {
      appPool: pg.Pool;
      clock: Clock;
      mailer: Mailer;
    };
    ctx.status = 202;
    const { rows } = await appPool.query<{ id: string; email: string }>(
      'SELECT id, email FROM users WHERE lower(email) = lower($1)',
      [body.email],
    );
    const user = rows[0];
    if (!user) return;
    const token = newSecret();
    const now = clock.now();
    await appPool.query(
      `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [hashSecret(token), user.id, now, new Date(now.getTime() + RESET_MINUTES * 60_000)],
    );
    const link = `${ctx.origin}/password-reset/confirm?token=${token}`;
    await mailer.send({
      tenantId: null,
      to: user.email,
      subject: 'Nowe hasło do Monity / A new Monity password',
      text:
        `Ustaw nowe hasło w ciągu ${RESET_MINUTES} minut: ${link}\n` +
        `Set a new password within ${RESET_MINUTES} minutes: ${link}\n` +
        'Jeśli to nie Ty, zignoruj tę wiadomość. / If this was not you, ignore this message.\n',
    });
  },
});

const confirm = defineRoute<unknown, unknown, { token: string; password: string }>({
  method: 'POST',
  path: '/api/auth/password-reset/confirm',
  operationId: 'confirmPasswordReset',
  summary: 'Set a new password with the link from the e-mail; every session ends',
  tags: ['access'],
  access: 'public',
  body: objectSchema({ token: { type: 'string', maxLength: 100 }, password: passwordSchema }),
  responses: { 204: { description: 'Password changed' }, 400: { description: 'Link not valid' } },
  handler: async (ctx, { body }) => {
    const { appPool, clock, tenantDb } = ctx.state.container.cradle as {
      appPool: pg.Pool;
      clock: Clock;
      tenantDb: TenantDatabase;
    };
    const passwordHash = await hashPassword(body.password);
    const { rows } = await appPool.query<{ user_id: string }>(
      `WITH used AS (
         UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id),
       changed AS (UPDATE users SET password_hash = $3 FROM used WHERE users.id = used.user_id
         RETURNING users.id AS user_id),
       ended AS (DELETE FROM sessions USING changed WHERE sessions.user_id = changed.user_id)
       SELECT user_id FROM changed`,
      [hashSecret(body.token), clock.now(), passwordHash],
    );
    const userId = rows[0]?.user_id;
    if (!userId) throw new MonityError('invalid_token', 'This link is not valid any more.', 400);

    const context = commandContextOf(ctx, { kind: 'user', id: userId });
    const tenants = await tenantDb.transaction(
      { tenantId: null, userId },
      async (tx) =>
        (
          await tx.query<{ tenant_id: string }>(
            'SELECT tenant_id FROM memberships WHERE user_id = $1',
            [userId],
          )
        ).rows,
    );
    for (const { tenant_id: tenantId } of tenants) {
      await tenantDb.transaction({ tenantId, userId }, (tx) =>
        tx.append(
          `member-${userId}`,
          [eventOf(context, tenantId, 'PasswordChanged', { userId })],
          'any',
        ),
      );
    }
    ctx.status = 204;
  },
});

export const passwordResetRoutes: RouteDefinition[] = [request, confirm];
