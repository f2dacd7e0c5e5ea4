import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '@monity/core';
import {
  formFields,
  loadChannelPlugin,
  startProviderStub,
  type LoadedChannelPlugin,
  type ProviderStub,
} from '@monity/channel-testkit';
import { callbackToken } from '../src/callbackAddress.ts';

const dir = fileURLToPath(new URL('..', import.meta.url));
const accountId = '5f0c3f57-2d7e-4c39-9d0b-6a1f4b1c2e01';
const settings = { token: 'oauth-token-1', sender: 'Kowalski' };
const text = 'Dzień dobry, przypominamy o fakturze FV/7/2026 na 1 234,56 zł. Zażółć gęślą jaźń.';

const message = (over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  id: '01939a52-7c4e-7bb1-9d2f-3c5a8e0f1a2b',
  tenantId: 'tenant-a',
  medium: 'sms',
  to: '+48500600700',
  body: text,
  publicUrl: 'https://monity.example.pl/',
  accountId,
  ...over,
});

let provider: ProviderStub;
let plugin: LoadedChannelPlugin;

beforeAll(async () => {
  provider = await startProviderStub();
  plugin = await loadChannelPlugin(dir, { config: { apiUrl: provider.url, timeoutMs: 500 } });
});
afterAll(async () => {
  await plugin.close();
  await provider.close();
});
beforeEach(() => {
  provider.requests.length = 0;
});

const send = (over: Partial<ChannelMessage> = {}, account: object = settings) =>
  plugin.channel('smsapi').send(message(over), account as Record<string, unknown>);

describe('sending through SMSAPI', () => {
  it('posts sms.do as SMSAPI documents it and queues the message under its id', async () => {
    provider.answer({
      status: 200,
      json: { count: 1, list: [{ id: '6A1B2C3D4E5F', points: 0.16, status: 'QUEUE', idx: 'x' }] },
    });

    const result = await send();

    expect(result).toEqual({ status: 'queued', providerMessageId: '6A1B2C3D4E5F' });
    const [request] = provider.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/sms.do');
    expect(request?.headers.authorization).toBe('Bearer oauth-token-1');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(await formFields(request!)).toEqual({
      to: ['48500600700'],
      message: [text],
      from: ['Kowalski'],
      format: ['json'],
      encoding: ['utf-8'],
      idx: ['01939a527c4e7bb19d2f3c5a8e0f1a2b'],
      check_idx: ['1'],
      notify_url: [
        `https://monity.example.pl/api/webhooks/smsapi/${accountId}/` +
          callbackToken('oauth-token-1', accountId),
      ],
    });
  });

  it('asks for no delivery report when Monity has no public address', async () => {
    provider.answer({ status: 200, json: { count: 1, list: [{ id: 'X1' }] } });

    await send({ publicUrl: undefined });

    expect(await formFields(provider.requests[0]!)).not.toHaveProperty('notify_url');
  });

  it('rejects a message SMSAPI refuses, naming its error', async () => {
    provider.answer({ status: 200, json: { error: 13, message: 'No correct phone numbers' } });

    await expect(send()).rejects.toThrow('SMSAPI refused the message: 13 No correct phone numbers');
  });

  it('rejects when the token is refused', async () => {
    provider.answer({ status: 401, json: { error: 101, message: 'Authorization failed' } });

    await expect(send()).rejects.toThrow('101 Authorization failed');
  });

  it('takes a duplicate idx for the earlier try that went out', async () => {
    provider.answer({ status: 200, json: { error: 53, message: 'Not unique idx parameter' } });

    expect(await send()).toEqual({ status: 'queued' });
  });

  it.each([
    ['an internal error of SMSAPI', { status: 200, json: { error: 201, message: 'Internal' } }],
    ['a server error without JSON', { status: 502, text: 'Bad gateway' }],
    ['no answer in time', 'hang' as const],
  ])('says the outcome is unknown after %s', async (_case, answer) => {
    provider.answer(answer);

    expect(await send()).toEqual({ status: 'unknown' });
  });

  it('rejects when SMSAPI cannot be reached at all', async () => {
    const closed = await startProviderStub();
    await closed.close();
    const offline = await loadChannelPlugin(dir, { config: { apiUrl: closed.url } });

    await expect(offline.channel('smsapi').send(message(), settings)).rejects.toThrow(
      'SMSAPI could not be reached (ECONNREFUSED)',
    );
    await offline.close();
  });

  it('rejects settings that do not match its schema', async () => {
    await expect(send({}, { sender: 'Kowalski' })).rejects.toThrow(
      "must have required property 'token'",
    );
    expect(provider.requests).toHaveLength(0);
  });
});

describe('delivery reports from SMSAPI', () => {
  const token = callbackToken('oauth-token-1', accountId);
  const reportUrl = (query: string, path = `${accountId}/${token}`) =>
    `${plugin.server.url}/api/webhooks/smsapi/${path}?${query}`;

  beforeAll(() => {
    plugin.deliveries.accounts.set(accountId, {
      tenantId: 'tenant-a',
      channel: 'smsapi',
      settings,
    });
    plugin.deliveries.accounts.set('other-account', {
      tenantId: 'tenant-b',
      channel: 'smsapi',
      settings: { token: 'oauth-token-2', sender: 'Nowak' },
    });
    plugin.deliveries.messages.push(
      { messageId: message().id, tenantId: 'tenant-a', medium: 'sms', body: text },
      {
        messageId: 'second-message',
        tenantId: 'tenant-a',
        medium: 'sms',
        body: text,
        channel: 'smsapi',
        providerMessageId: 'SMSAPI-2',
      },
      { messageId: 'foreign', tenantId: 'tenant-b', medium: 'sms', body: text },
    );
  });
  beforeEach(() => {
    plugin.deliveries.reports.length = 0;
  });

  it('records a delivered SMS found by its idx, and answers OK', async () => {
    const response = await fetch(
      reportUrl(
        'MsgId=6A1B2C3D4E5F&status=404&idx=01939a527c4e7bb19d2f3c5a8e0f1a2b' +
          '&donedate=1764806400&username=firma&points=0.16&to=48500600700&status_name=DELIVERED',
      ),
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK');
    expect(plugin.deliveries.reports).toEqual([
      {
        messageId: message().id,
        status: 'delivered',
        at: '2025-12-04T00:00:00.000Z',
        detail: '404 DELIVERED',
      },
    ]);
  });

  it('reads reports sent together as lists, finding a message by its SMSAPI id', async () => {
    const response = await fetch(
      reportUrl('MsgId=SMSAPI-2,SMSAPI-3&status=405,403&donedate=1764806400,1764806401'),
    );

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([
      {
        messageId: 'second-message',
        status: 'failed',
        at: '2025-12-04T00:00:00.000Z',
        detail: '405',
      },
    ]);
  });

  it('records nothing for a message still on its way', async () => {
    await fetch(reportUrl(`MsgId=SMSAPI-2&status=403&donedate=1764806400&status_name=SENT`));

    expect(plugin.deliveries.reports).toEqual([]);
  });

  it.each([
    ['a wrong secret', `${accountId}/${token.slice(0, -2)}xx`],
    ['another account’s secret', `${accountId}/${callbackToken('oauth-token-2', accountId)}`],
    ['an account Monity does not have', `no-such-account/${token}`],
  ])('refuses an address with %s and records nothing', async (_case, path) => {
    const response = await fetch(reportUrl('MsgId=SMSAPI-2&status=404', path));

    expect(response.status).toBe(403);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it('records nothing about a message of another company', async () => {
    const foreignIdx = 'foreign';

    const response = await fetch(reportUrl(`MsgId=F1&status=404&idx=${foreignIdx}`));

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([]);
  });
});
