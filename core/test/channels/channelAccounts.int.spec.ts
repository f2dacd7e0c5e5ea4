import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@monity/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelAccounts } from '../../src/channels/channelAccounts.ts';
import { SecretBox } from '../../src/channels/secretBox.ts';
import type { TenantTransaction } from '../../src/database/tenantDatabase.ts';
import type { Channel } from '../../src/plugins/index.ts';

const smtpLike: Channel = {
  name: 'smtp-like',
  media: ['email'],
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['host', 'password'],
    properties: {
      host: { type: 'string', minLength: 1 },
      port: { type: 'integer', default: 587 },
      password: { type: 'string', writeOnly: true },
    },
  },
  send: async () => ({ status: 'sent' }),
};
const sandbox: Channel = {
  name: 'sandbox',
  media: ['email', 'sms'],
  send: async () => ({ status: 'sent' }),
};

let database: TestDatabase;
let client: pg.Client;
let tx: TenantTransaction;
const tenantId = '00000000-0000-4000-8000-0000000000aa';
beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client(database.url);
  await client.connect();
  await client.query(
    `INSERT INTO tenants (id, name, tax_id, created_at) VALUES ($1, 'Akme', '5260250274', now())`,
    [tenantId],
  );
  tx = {
    query: (text, values) => client.query(text, values),
    append: () => Promise.reject(new Error('no appends here')),
    appendMany: () => Promise.reject(new Error('no appends here')),
  } as TenantTransaction;
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

describe('channel accounts', () => {
  it('keep secrets sealed, show only that they are set, and keep them when left out', async () => {
    const accounts = new ChannelAccounts(
      new SecretBox(randomBytes(32)),
      new Map([
        ['a/smtp-like', smtpLike],
        ['b/sandbox', sandbox],
      ]),
    );
    const created = await accounts.create(tx, tenantId, {
      channel: 'smtp-like',
      name: 'Poczta firmowa',
      defaultFor: ['email'],
      settings: { host: 'smtp.firma.pl', password: 'tajne-hasło' },
    });
    expect(created.settings).toEqual({ host: 'smtp.firma.pl', port: 587, password: { set: true } });
    const stored = await client.query('SELECT settings::text FROM channel_accounts');
    expect(stored.rows[0].settings).not.toContain('tajne');

    await accounts.change(tx, created.id, { settings: { host: 'smtp2.firma.pl' } });
    let route = await accounts.forSending(tx, 'email');
    expect(route.settings).toEqual({ host: 'smtp2.firma.pl', port: 587, password: 'tajne-hasło' });
    await accounts.change(tx, created.id, { settings: { password: 'nowe' } });
    route = await accounts.forSending(tx, 'email');
    expect(route.settings).toMatchObject({ password: 'nowe' });
    expect(route.accountId).toBe(created.id);
    // No account for SMS: the sandbox carries it.
    expect((await accounts.forSending(tx, 'sms')).channel.name).toBe('sandbox');

    await expect(
      accounts.create(tx, tenantId, { channel: 'smtp-like', name: 'Zła', settings: { port: 'x' } }),
    ).rejects.toMatchObject({
      errors: [
        { pointer: '/body/settings/host', message: 'is required' },
        { pointer: '/body/settings/password', message: 'is required' },
        { pointer: '/body/settings/port', message: 'must be integer' },
      ],
    });
    await expect(
      accounts.create(tx, tenantId, { channel: 'fax', name: 'Faks' }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ pointer: '/body/channel' })] });

    const second = await accounts.create(tx, tenantId, {
      channel: 'smtp-like',
      name: 'Zapasowa',
      defaultFor: ['email'],
      settings: { host: 'backup.firma.pl', password: 'b' },
    });
    const listed = await accounts.list(tx);
    expect(listed.map((a) => [a.name, a.defaultFor])).toEqual([
      ['Poczta firmowa', []],
      ['Zapasowa', ['email']],
    ]);
    expect((await accounts.forSending(tx, 'email')).accountId).toBe(second.id);
  });
});
