import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  signUp,
  startAccessServer,
  testTaxId,
  type AccessServer,
} from './accessTestKit.ts';

describe('tenants, users and access over HTTP', () => {
  let access: AccessServer;
  let url: string;
  beforeAll(async () => {
    access = await startAccessServer();
    url = access.server.url;
  });
  afterAll(() => access.close());

  const mailboxOf = async (browser: Browser) =>
    (await browser.request('GET', '/api/mailbox')).body.messages as { to: string; text: string }[];
  const tokenIn = (text: string) => /token=([\w-]+)/.exec(text)![1]!;

  it('signs up a company with its owner, stores an argon2id hash and logs in', async () => {
    const { browser, email, password, session } = await signUp(url, 'Alfa');
    expect(session).toMatchObject({ role: 'owner', user: { email }, tenant: { name: 'Alfa' } });
    expect((await browser.request('GET', '/api/session')).status).toBe(200);

    const client = new pg.Client(access.database.url);
    await client.connect();
    const { rows } = await client.query('SELECT password_hash FROM users WHERE email = $1', [
      email,
    ]);
    await client.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    const again = new Browser(url);
    expect((await again.request('POST', '/api/auth/login', { email, password })).status).toBe(200);
    expect(again.cookie).not.toBe(browser.cookie);
  });

  it('refuses a tax id whose checksum fails, naming the field', async () => {
    const response = await new Browser(url).request('POST', '/api/auth/signup', {
      companyName: 'Zła',
      taxId: '5260250275',
      name: 'X',
      email: 'x@zla.pl',
      password: 'correct horse battery',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/body/taxId' })]);
  });

  it('keeps company details in canonical form, refusing bad fields one by one', async () => {
    const { browser } = await signUp(url, 'Iota');
    const changed = await browser.request('PATCH', '/api/tenant', {
      address: { street: 'ul. Prosta 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' },
      bankAccounts: [{ iban: '61 1090 1014 0000 0712 1981 2874', currency: 'PLN' }],
      defaultCurrency: 'EUR',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      bankAccounts: [{ iban: 'PL61109010140000071219812874' }],
      defaultCurrency: 'EUR',
      timeZone: 'Europe/Warsaw',
      address: { city: 'Warszawa' },
    });

    const refused = await browser.request('PATCH', '/api/tenant', {
      taxId: '1234567890',
      bankAccounts: [{ iban: 'PL61109010140000071219812875' }],
      timeZone: 'Mars/Olympus',
      name: 'Not applied',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/taxId',
      '/body/bankAccounts/0/iban',
      '/body/timeZone',
    ]);
    expect((await browser.request('GET', '/api/tenant')).body.name).toBe('Iota');
  });

  it('throttles repeated failed logins with Retry-After', async () => {
    const { email } = await signUp(url, 'Beta');
    const browser = new Browser(url);
    const first = await browser.request('POST', '/api/auth/login', { email, password: 'nope' });
    expect(first.body.code).toBe('invalid_credentials');
    const statuses = [first.status];
    for (let i = 1; i < 6; i++) {
      statuses.push(
        (await browser.request('POST', '/api/auth/login', { email, password: 'nope' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await browser.request('POST', '/api/auth/login', {
      email,
      password: 'correct horse battery',
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const { browser } = await signUp(url, 'Gamma');
    const token = browser.csrfToken;
    browser.csrfToken = undefined;
    const refused = await browser.request('POST', '/api/api-keys', { name: 'ERP', role: 'viewer' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('csrf_failed');
    browser.csrfToken = token;
    expect(
      (await browser.request('POST', '/api/api-keys', { name: 'ERP', role: 'viewer' })).status,
    ).toBe(201);
  });

  it('invites through the sandbox mail; disabling the member ends their sessions', async () => {
    const { browser: owner } = await signUp(url, 'Delta');
    const invited = await owner.request('POST', '/api/invitations', {
      email: 'jan@delta.pl',
      role: 'collector',
    });
    expect(invited.status).toBe(201);
    const mail = (await mailboxOf(owner)).find((m) => m.to === 'jan@delta.pl')!;
    const token = tokenIn(mail.text);

    const jan = new Browser(url);
    expect((await jan.request('GET', `/api/invitations/${token}`)).body).toMatchObject({
      tenantName: 'Delta',
      role: 'collector',
    });
    const joined = await jan.request('POST', '/api/invitations/accept', {
      token,
      name: 'Jan Kowalski',
      password: 'another good password',
    });
    expect(joined.body).toMatchObject({ role: 'collector', tenant: { name: 'Delta' } });
    expect(
      (
        await jan.request('POST', '/api/invitations/accept', {
          token,
          name: 'J',
          password: 'another good password',
        })
      ).status,
    ).toBe(404);
    expect((await jan.request('GET', '/api/api-keys')).status).toBe(403);

    await owner.request('POST', `/api/users/${joined.body.user.id}/disable`);
    expect((await jan.request('GET', '/api/session')).status).toBe(401);
    const login = await new Browser(url).request('POST', '/api/auth/login', {
      email: 'jan@delta.pl',
      password: 'another good password',
    });
    expect(login.status).toBe(404);
  });

  it('authenticates by API key until it is revoked, and records its last use', async () => {
    const { browser } = await signUp(url, 'Epsilon');
    const created = await browser.request('POST', '/api/api-keys', { name: 'ERP', role: 'viewer' });
    const key = created.body.key as string;
    const byKey = () => fetch(`${url}/api/users`, { headers: { authorization: `Bearer ${key}` } });

    expect((await byKey()).status).toBe(200);
    const listed = (await browser.request('GET', '/api/api-keys')).body.apiKeys[0];
    expect(listed).toMatchObject({ name: 'ERP', lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await browser.request('DELETE', `/api/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await byKey()).status).toBe(401);
  });

  it('resets a password from the public sandbox mailbox, ending every session', async () => {
    const { browser, email } = await signUp(url, 'Zeta');
    const stranger = new Browser(url);
    expect((await stranger.request('POST', '/api/auth/password-reset', { email })).status).toBe(
      202,
    );
    expect(
      (await stranger.request('POST', '/api/auth/password-reset', { email: 'none@x.pl' })).status,
    ).toBe(202);
    const messages = (await stranger.request('GET', '/api/sandbox-mailbox')).body.messages;
    const token = tokenIn(messages.find((m: { to: string }) => m.to === email).text);

    const confirm = { token, password: 'a brand new password' };
    expect(
      (await stranger.request('POST', '/api/auth/password-reset/confirm', confirm)).status,
    ).toBe(204);
    expect(
      (await stranger.request('POST', '/api/auth/password-reset/confirm', confirm)).status,
    ).toBe(400);
    expect((await browser.request('GET', '/api/session')).status).toBe(401);
    const login = await new Browser(url).request('POST', '/api/auth/login', {
      email,
      password: 'a brand new password',
    });
    expect(login.status).toBe(200);
  });

  it('switches between the companies of one person with a fresh session', async () => {
    const { browser: owner } = await signUp(url, 'Eta');
    const { browser: other, email } = await signUp(url, 'Theta');
    await other.request('POST', '/api/invitations', { email: 'owner@eta.pl', role: 'viewer' });
    void email;
    const token = tokenIn((await mailboxOf(other)).find((m) => m.to === 'owner@eta.pl')!.text);
    await owner.request('POST', '/api/invitations/accept', {
      token,
      name: 'ignored',
      password: 'correct horse battery',
    });
    const session = (await owner.request('GET', '/api/session')).body;
    expect(session.tenants.map((t: { name: string }) => t.name)).toEqual(['Eta', 'Theta']);

    const eta = session.tenants.find((t: { name: string }) => t.name === 'Eta').id;
    const before = owner.cookie;
    const switched = await owner.request('POST', '/api/session/tenant', { tenantId: eta });
    expect(switched.body).toMatchObject({ tenant: { name: 'Eta' }, role: 'owner' });
    expect(owner.cookie).not.toBe(before);
    void testTaxId;
  });
});
