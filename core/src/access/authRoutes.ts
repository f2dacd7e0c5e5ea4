import type pg from 'pg';
import type { TenantDatabase } from '../database/tenantDatabase.ts';
import { MonityError, UnauthenticatedError, ValidationError } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../http/index.ts';
import { normalisePolishTaxId } from '../validation/polishTaxId.ts';
import { clearSessionCookie } from './authenticate.ts';
import { eventOf } from './commandContext.ts';
import type { LoginThrottle } from './loginThrottle.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { commandContextOf, principalOf } from './requestContext.ts';
import { emailSchema, nameSchema, objectSchema, passwordSchema } from './schemas.ts';
import { endSession } from './sessions.ts';
import { sessionSchema, sessionUserOf, sessionView } from './sessionView.ts';
import { startSession } from './startSession.ts';
import { registerTenant } from './tenantRegistration.ts';

interface SignUp {
  companyName: string;
  taxId: string;
  name: string;
  email: string;
  password: string;
  language?: 'pl' | 'en';
}

const session = { description: 'The new session; its cookie is set', schema: sessionSchema };

const signUp = defineRoute<unknown, unknown, SignUp>({
  method: 'POST',
  path: '/api/auth/signup',
  operationId: 'signUp',
  summary: 'Register a company with its first owner, and log in',
  tags: ['access'],
  access: 'public',
  body: objectSchema<SignUp>(
    {
      companyName: nameSchema,
      taxId: { type: 'string', maxLength: 20 },
      name: nameSchema,
      email: emailSchema,
      password: passwordSchema,
      language: { enum: ['pl', 'en'] },
    },
    ['companyName', 'taxId', 'name', 'email', 'password'],
  ),
  responses: { 201: session },
  handler: async (ctx, { body }) => {
    const taxId = normalisePolishTaxId(body.taxId);
    if (!taxId) {
      throw new ValidationError('The tax id is not valid', [
        {
          pointer: '/body/taxId',
          message: 'must be a Polish NIP of 10 digits with a valid checksum',
        },
      ]);
    }
    const tenantDb = ctx.state.container.resolve<TenantDatabase>('tenantDb');
    const { tenantId, userId } = await registerTenant(
      tenantDb,
      { ...body, taxId, language: body.language ?? 'pl' },
      commandContextOf(ctx),
    );
    ctx.status = 201;
    return startSession(ctx, userId, tenantId);
  },
});

interface Credentials {
  email: string;
  password: string;
}

const logIn = defineRoute<unknown, unknown, Credentials>({
  method: 'POST',
  path: '/api/auth/login',
  operationId: 'logIn',
  summary: 'Log in with e-mail and password',
  description: 'Repeated failures for one e-mail or from one address are throttled (429).',
  tags: ['access'],
  access: 'public',
  body: objectSchema<Credentials>({
    email: { type: 'string', maxLength: 320 },
    password: {
      type: 'string',
      maxLength: 200,
    },
  }),
  responses: { 200: session, 401: { description: 'Wrong e-mail or password' } },
  handler: async (ctx, { body }) => {
    const { appPool, loginThrottle } = ctx.state.container.cradle as {
      appPool: pg.Pool;
      loginThrottle: LoginThrottle;
    };
    await loginThrottle.assertAllowed(body.email, ctx.ip);
    const { rows } = await appPool.query<{ id: string; password_hash: string }>(
      'SELECT id, password_hash FROM users WHERE lower(email) = lower($1)',
      [body.email],
    );
    const user = rows[0];
    const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), body.password);
    if (!user || !valid) {
      await loginThrottle.failed(body.email, ctx.ip);
      throw new MonityError('invalid_credentials', 'The e-mail or the password is wrong.', 401);
    }
    await loginThrottle.succeeded(body.email, ctx.ip);
    return startSession(ctx, user.id);
  },
});

const logOut = defineRoute({
  method: 'POST',
  path: '/api/auth/logout',
  operationId: 'logOut',
  summary: 'End this session',
  tags: ['access'],
  access: 'authenticated',
  responses: { 204: { description: 'Logged out' } },
  handler: async (ctx) => {
    const principal = principalOf(ctx);
    const tenantDb = ctx.state.container.resolve<TenantDatabase>('tenantDb');
    if (principal.session) {
      const idHash = principal.session.idHash;
      await tenantDb.transaction({ tenantId: principal.tenantId }, async (tx) => {
        await endSession(tx, idHash);
        await tx.append(
          `member-${principal.id}`,
          [
            eventOf(commandContextOf(ctx), principal.tenantId, 'UserLoggedOut', {
              userId: principal.id,
            }),
          ],
          'any',
        );
      });
    }
    clearSessionCookie(ctx);
    ctx.status = 204;
  },
});

const currentSession = defineRoute({
  method: 'GET',
  path: '/api/session',
  operationId: 'getSession',
  summary: 'The person logged in, their company, role and companies',
  tags: ['access'],
  access: 'authenticated',
  responses: { 200: { description: 'The session', schema: sessionSchema } },
  handler: (ctx) => {
    const principal = principalOf(ctx);
    if (!principal.session) throw new UnauthenticatedError('API keys have no session.');
    return sessionView(ctx.state.container.resolve('tenantDb'), sessionUserOf(principal));
  },
});

const switchTenant = defineRoute<unknown, unknown, { tenantId: string }>({
  method: 'POST',
  path: '/api/session/tenant',
  operationId: 'switchTenant',
  summary: 'Work in another of your companies',
  tags: ['access'],
  access: 'authenticated',
  body: objectSchema({ tenantId: { type: 'string', format: 'uuid' } }),
  responses: { 200: session, 404: { description: 'Not a member of that company' } },
  handler: (ctx, { body }) => startSession(ctx, principalOf(ctx).id, body.tenantId),
});

export const authRoutes: RouteDefinition[] = [signUp, logIn, logOut, currentSession, switchTenant];
