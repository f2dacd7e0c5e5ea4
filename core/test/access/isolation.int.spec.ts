import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../src/http/index.ts';
import { Browser, signUp, startAccessServer, type AccessServer } from './accessTestKit.ts';

/** Tables of people and of the installation itself; every other table belongs to a tenant. */
const GLOBAL_TABLES = [
  'users',
  'sessions',
  'password_resets',
  'login_throttle',
  'schema_migrations',
  'projection_checkpoints',
  // Providers' one-time callback tokens: no company's data.
  'callback_tokens',
];

describe('tenant isolation', () => {
  let access: AccessServer;
  let url: string;
  let a: Awaited<ReturnType<typeof seedTenant>>;
  let b: Awaited<ReturnType<typeof seedTenant>>;

  beforeAll(async () => {
    access = await startAccessServer({ DATABASE_POOL_SIZE: '2' });
    url = access.server.url;
    a = await seedTenant(url, 'Akme');
    b = await seedTenant(url, 'Bravo');
  });
  afterAll(() => access.close());

  it('(a) answers every route called with another tenant’s ids without its data', async () => {
    const before = await a.snapshot();
    // An event stream never ends by itself; its tenant filter is tested with the live updates.
    const routes = access.server.routes.filter(
      (route) =>
        route.access !== 'public' && route.responses[200]?.contentType !== 'text/event-stream',
    );
    expect(routes.length).toBeGreaterThan(10);

    for (const route of routes) {
      for (const as of [b.owner, b.keyBrowser]) {
        for (const id of a.ids) {
          const path = route.path.replace(/:\w+/g, id);
          const response = await as.request(route.method, path, sampleBody(route, a));
          // A problem's `instance` echoes the request's own path, ids included.
          const shown = { ...(response.body as object), instance: undefined };
          const leak = a.secrets.find((secret) => JSON.stringify(shown).includes(secret));
          expect(leak, `${route.method} ${path} showed ${leak}`).toBeUndefined();
          if (route.path.includes(':')) {
            expect([400, 401, 403, 404, 409], `${route.method} ${path}`).toContain(response.status);
          }
        }
      }
    }
    expect(await a.snapshot()).toEqual(before);
  });

  it('(b) has row security enabled and forced on every tenant table', async () => {
    const client = new pg.Client(access.database.url);
    await client.connect();
    try {
      const { rows } = await client.query<{ relname: string; enabled: boolean; forced: boolean }>(
        `SELECT c.relname, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      );
      const tenantTables = rows.filter((row) => !GLOBAL_TABLES.includes(row.relname));
      expect(tenantTables.map((row) => row.relname)).toContain('api_keys');
      for (const table of tenantTables) {
        expect(table, table.relname).toMatchObject({ enabled: true, forced: true });
      }
      const role = await client.query(
        `SELECT rolsuper, rolbypassrls,
           (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = 'monity_app'`,
      );
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
    } finally {
      await client.end();
    }
  });

  it('(b) fails closed: the application role without a tenant sees no row', async () => {
    const app = new pg.Client({
      connectionString: access.database.url,
      options: '-c role=monity_app',
    });
    await app.connect();
    try {
      const { rows } = await app.query(
        `SELECT current_user AS role,
           (SELECT count(*)::int FROM api_keys) + (SELECT count(*)::int FROM memberships)
             + (SELECT count(*)::int FROM events) + (SELECT count(*)::int FROM tenants) AS seen`,
      );
      expect(rows[0]).toEqual({ role: 'monity_app', seen: 0 });
    } finally {
      await app.end();
    }
  });

  it('(c) never lets interleaved requests of several tenants see each other', async () => {
    // Fresh tenants: (a) logged B's owner out through the logout route.
    const tenants = await Promise.all(['Celsius', 'Delfin', 'Echo'].map((c) => seedTenant(url, c)));
    const requests = Array.from({ length: 90 }, (_, i) => tenants[i % tenants.length]!);
    const answers = await Promise.all(
      requests.map(async (tenant) => ({
        tenant,
        users: (await tenant.owner.request('GET', '/api/users')).body.users as { email: string }[],
      })),
    );
    for (const { tenant, users } of answers) {
      expect(users.map((user) => user.email).sort()).toEqual(tenant.emails);
    }
  });
});

async function seedTenant(url: string, company: string) {
  const { browser: owner, email, session } = await signUp(url, company);
  const member = `member@${company.toLowerCase()}.pl`;
  await owner.request('POST', '/api/invitations', { email: member, role: 'collector' });
  const mail = (await owner.request('GET', '/api/mailbox')).body.messages[0];
  const token = /token=([\w-]+)/.exec(mail.text)![1];
  const joined = await new Browser(url).request('POST', '/api/invitations/accept', {
    token,
    name: `Member of ${company}`,
    password: 'member password 1',
  });
  const pending = await owner.request('POST', '/api/invitations', {
    email: `later@${company.toLowerCase()}.pl`,
    role: 'viewer',
  });
  const key = await owner.request('POST', '/api/api-keys', {
    name: `${company} ERP`,
    role: 'admin',
  });
  // The same requests with the API key instead of a cookie.
  const keyBrowser = new Browser(url);
  keyBrowser.request = (method, path, body) => withBearer(url, key.body.key, method, path, body);

  return {
    owner,
    keyBrowser,
    emails: [email, member].sort(),
    ids: [session.tenant.id, session.user.id, joined.body.user.id, pending.body.id, key.body.id],
    secrets: [company, email, member, session.tenant.id, joined.body.user.id, key.body.id],
    snapshot: async () => ({
      users: (await owner.request('GET', '/api/users')).body,
      apiKeys: (await owner.request('GET', '/api/api-keys')).body.apiKeys.map(
        (k: { id: string; revokedAt: string | null; name: string; role: string }) => [
          k.id,
          k.revokedAt,
          k.name,
          k.role,
        ],
      ),
    }),
  };
}

async function withBearer(url: string, key: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parsed: any = response.headers.get('content-type')?.includes('json')
    ? JSON.parse(text)
    : text;
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A valid body for a route, filled from its JSON Schema with the other tenant's values. */
function sampleBody(route: RouteDefinition, victim: { ids: string[]; emails: string[] }) {
  if (!route.body) return undefined;
  const properties = (route.body.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => {
      if (schema.format === 'uuid') return [name, victim.ids[0]];
      if (schema.format === 'email') return [name, victim.emails[0]];
      if (Array.isArray(schema.enum)) return [name, schema.enum.at(-1)];
      return [name, 'sample value long enough'];
    }),
  );
}
