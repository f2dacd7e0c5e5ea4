import type { Browser } from '@monity/core/testing';
import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('audit log', () => {
  let access: AccessServer;
  let url: string;
  beforeAll(async () => {
    access = await startAccessServer();
    url = access.server.url;
  });
  afterAll(() => access.close());

  const entries = async (browser: Browser, query = '') =>
    (await browser.request('GET', `/api/audit-log${query}`)).body;

  it('lists who did what, newest first, filtered and paged, for its own tenant only', async () => {
    const { browser: owner, session } = await signUp(url, 'Audyt');
    const { browser: other } = await signUp(url, 'Obcy');
    await owner.request('POST', '/api/invitations', { email: 'ola@audyt.pl', role: 'viewer' });
    const key = await owner.request('POST', '/api/api-keys', { name: 'ERP', role: 'viewer' });
    await owner.request('DELETE', `/api/api-keys/${key.body.id}`);

    await expect
      .poll(async () => (await entries(owner)).entries.map((e: { action: string }) => e.action))
      .toEqual([
        'ApiKeyRevoked',
        'ApiKeyCreated',
        'UserInvited',
        'UserLoggedIn',
        'TenantRegistered',
        'MemberJoined',
      ]);
    const newest = (await entries(owner)).entries[0];
    expect(newest).toMatchObject({
      actor: { kind: 'user', id: session.user.id, name: 'Owner of Audyt' },
      summary: 'ERP',
      requestId: expect.any(String),
      ip: expect.any(String),
    });

    const invited = await entries(owner, `?action=UserInvited&actorId=${session.user.id}`);
    expect(invited.entries.map((e: { summary: string }) => e.summary)).toEqual([
      'ola@audyt.pl: viewer',
    ]);
    const first = await entries(owner, '?limit=4');
    const rest = await entries(owner, `?limit=4&after=${first.next}`);
    expect([...first.entries, ...rest.entries]).toHaveLength(6);
    expect(rest.next).toBeNull();
    expect(await entries(owner, '?to=2000-01-01')).toEqual({ entries: [], next: null });

    const foreign = (await entries(other)).entries.map((e: { summary: string }) => e.summary);
    expect(foreign.join()).not.toContain('Audyt');
  });

  it('exports the same entries as CSV that spreadsheets read as UTF-8', async () => {
    const { browser: owner } = await signUp(url, 'Żółw');
    await expect.poll(async () => (await entries(owner)).entries.length).toBe(3);
    const response = await fetch(`${url}/api/audit-log.csv?action=TenantRegistered`, {
      headers: { cookie: owner.cookie! },
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('audit-log.csv');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('occurred_at,actor_kind,actor_id,actor,action,summary,request_id,ip');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Żółw (NIP');
  });

  it('keeps the read model under forced row security, readable by the app role', async () => {
    const client = new pg.Client(access.database.url);
    await client.connect();
    const { rows } = await client.query(
      `SELECT relrowsecurity, relforcerowsecurity, has_table_privilege('monity_app',
         'rm_audit_log', 'SELECT') AS readable FROM pg_class WHERE relname = 'rm_audit_log'`,
    );
    await client.end();
    expect(rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true, readable: true });
  });
});
