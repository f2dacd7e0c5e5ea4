import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '@monity/core';
import {
  loadChannelPlugin,
  startProviderStub,
  type LoadedChannelPlugin,
  type ProviderStub,
} from '@monity/channel-testkit';
import { signatureV2, signatureV3 } from '../src/plivoSignature.ts';

const dir = fileURLToPath(new URL('..', import.meta.url));
const accountId = '0d6f3a4e-9b1c-4c7e-8f21-5a3b2c1d0e9f';
const authId = 'MAXXXXXXXXXXXXXXXXXX';
const authToken = 'plivo-auth-token-1';
const settings = { authId, authToken, source: '+48221234567' };
const basic = `Basic ${Buffer.from(`${authId}:${authToken}`).toString('base64')}`;
const text = 'Dzień dobry, przypominamy o fakturze FV/7/2026 na 1 234,56 zł. Zażółć gęślą jaźń.';
const messageId = '01939a52-7c4e-7bb1-9d2f-3c5a8e0f1a2b';

const message = (over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  id: messageId,
  tenantId: 'tenant-a',
  medium: 'sms',
  to: '+48500600700',
  body: text,
  publicUrl: 'https://monity.example.pl',
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

const send = (over: Partial<ChannelMessage> = {}) =>
  plugin.channel('plivo').send(message(over), settings);

const jsonOf = (i = 0) => JSON.parse(provider.requests[i]!.body.toString('utf8'));

describe('sending an SMS through Plivo', () => {
  it("posts Plivo's Message resource with the status callback, and queues it under its uuid", async () => {
    provider.answer({
      status: 202,
      json: { api_id: 'a-1', message: 'message(s) queued', message_uuid: ['uuid-sms-1'] },
    });

    expect(await send()).toEqual({ status: 'queued', providerMessageId: 'uuid-sms-1' });
    const [request] = provider.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v1/Account/${authId}/Message/`);
    expect(request?.headers.authorization).toBe(basic);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(jsonOf()).toEqual({
      src: '+48221234567',
      dst: '+48500600700',
      text,
      url: `https://monity.example.pl/api/webhooks/plivo/${accountId}/status/${messageId}`,
      method: 'POST',
    });
  });

  it('asks for no status callback when Monity has no public address', async () => {
    provider.answer({ status: 202, json: { message_uuid: ['uuid-sms-2'] } });

    await send({ publicUrl: undefined });

    expect(jsonOf()).toEqual({ src: '+48221234567', dst: '+48500600700', text });
  });

  it('rejects what Plivo refuses, in its words', async () => {
    provider.answer({ status: 400, json: { api_id: 'a-2', error: 'invalid dst number' } });

    await expect(send()).rejects.toThrow('Plivo refused it (400): invalid dst number');
  });

  it.each([
    ['a server error', { status: 500, text: 'Internal Server Error' }],
    ['no answer in time', 'hang' as const],
  ])('says the outcome is unknown after %s', async (_case, answer) => {
    provider.answer(answer);

    expect(await send()).toEqual({ status: 'unknown' });
  });
});

describe('calling through Plivo', () => {
  it("posts Plivo's Call resource with Monity's answer and hangup addresses", async () => {
    provider.answer({
      status: 201,
      json: { api_id: 'a-3', message: 'call fired', request_uuid: 'uuid-call-1' },
    });

    expect(await send({ medium: 'voice' })).toEqual({
      status: 'queued',
      providerMessageId: 'uuid-call-1',
    });
    const [request] = provider.requests;
    expect(request?.url).toBe(`/v1/Account/${authId}/Call/`);
    expect(request?.headers.authorization).toBe(basic);
    expect(jsonOf()).toEqual({
      from: '+48221234567',
      to: '+48500600700',
      answer_url: `https://monity.example.pl/api/webhooks/plivo/${accountId}/answer/${messageId}`,
      answer_method: 'POST',
      hangup_url: `https://monity.example.pl/api/webhooks/plivo/${accountId}/hangup/${messageId}`,
      hangup_method: 'POST',
    });
  });

  it('rejects a call when Monity has no public address to serve its text', async () => {
    await expect(send({ medium: 'voice', publicUrl: undefined })).rejects.toThrow(
      'needs Monity reachable at a public address',
    );
    expect(provider.requests).toHaveLength(0);
  });
});

describe("Plivo's callbacks", () => {
  let nonces = 0;
  const callback = async (
    path: string,
    fields: Record<string, string>,
    sign: { token?: string; version?: 'v2' | 'v3'; nonce?: string; tamper?: boolean } = {},
  ) => {
    const url = `${plugin.server.url}/api/webhooks/plivo/${path}`;
    const nonce = sign.nonce ?? `nonce-${(nonces += 1)}`;
    const params = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]]));
    const key = sign.token ?? authToken;
    const headers: Record<string, string> =
      sign.version === 'v2'
        ? {
            'x-plivo-signature-v2': signatureV2(key, url, nonce),
            'x-plivo-signature-v2-nonce': nonce,
          }
        : {
            'x-plivo-signature-v3': signatureV3(key, url, nonce, params),
            'x-plivo-signature-v3-nonce': nonce,
          };
    const body = new URLSearchParams(fields);
    if (sign.tamper) body.set('Status', 'delivered');
    return fetch(url, { method: 'POST', headers, body });
  };

  beforeAll(() => {
    const known = plugin.deliveries;
    known.accounts.set(accountId, { tenantId: 'tenant-a', channel: 'plivo', settings });
    known.accounts.set('smsapi-account', {
      tenantId: 'tenant-a',
      channel: 'smsapi',
      settings: { authToken },
    });
    known.messages.push(
      { messageId, tenantId: 'tenant-a', medium: 'sms', body: text },
      {
        messageId: 'call-1',
        tenantId: 'tenant-a',
        medium: 'voice',
        body: 'Faktura <FV/7> & "odsetki"',
      },
      { messageId: 'foreign', tenantId: 'tenant-b', medium: 'sms', body: 'obcy' },
    );
  });
  beforeEach(() => {
    plugin.deliveries.reports.length = 0;
  });

  const statusPath = `${accountId}/status/${messageId}`;

  it('records a delivered SMS from a V3-signed callback', async () => {
    const response = await callback(statusPath, {
      Status: 'delivered',
      MessageUUID: 'uuid-sms-1',
      From: '48221234567',
      To: '48500600700',
      ErrorCode: '000',
      Units: '1',
    });

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([
      { messageId, status: 'delivered', at: expect.any(String), detail: 'delivered' },
    ]);
  });

  it('records an undelivered SMS from a V2-signed callback, with its error code', async () => {
    const response = await callback(
      statusPath,
      { Status: 'undelivered', MessageUUID: 'uuid-sms-1', ErrorCode: '200' },
      { version: 'v2' },
    );

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([
      { messageId, status: 'failed', at: expect.any(String), detail: 'undelivered, error 200' },
    ]);
  });

  it('records nothing for an SMS still on its way', async () => {
    await callback(statusPath, { Status: 'sent', MessageUUID: 'uuid-sms-1' });

    expect(plugin.deliveries.reports).toEqual([]);
  });

  it.each([
    ['a changed field', statusPath, { tamper: true }],
    ['another key', statusPath, { token: 'not-the-auth-token' }],
    ['the account of another channel', `smsapi-account/status/${messageId}`, {}],
    ['an account Monity does not have', `nobody/status/${messageId}`, {}],
  ])('refuses a callback signed with %s and records nothing', async (_case, path, sign) => {
    const response = await callback(path, { Status: 'failed', MessageUUID: 'u' }, sign);

    expect(response.status).toBe(403);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it('refuses a callback whose nonce came before', async () => {
    const fields = { Status: 'delivered', MessageUUID: 'uuid-sms-1' };
    expect((await callback(statusPath, fields, { nonce: 'once' })).status).toBe(200);
    plugin.deliveries.reports.length = 0;

    const again = await callback(statusPath, fields, { nonce: 'once' });

    expect(again.status).toBe(403);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it('refuses a callback about a message of another company', async () => {
    const response = await callback(`${accountId}/status/foreign`, { Status: 'delivered' });

    expect(response.status).toBe(404);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it("answers a call with the message's text as Plivo XML in Polish", async () => {
    const response = await callback(`${accountId}/answer/call-1`, {
      CallUUID: 'c-1',
      CallStatus: 'in-progress',
      Direction: 'outbound',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await response.text()).toBe(
      '<Response><Speak language="pl-PL" voice="Polly.Ewa">' +
        'Faktura &lt;FV/7&gt; &amp; "odsetki"</Speak></Response>',
    );
  });

  it('reads no text for an unsigned call', async () => {
    const response = await callback(`${accountId}/answer/call-1`, {}, { token: 'guess' });

    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('Faktura');
  });

  it('records an answered call as delivered when it ends, dated by Plivo', async () => {
    await callback(`${accountId}/hangup/call-1`, {
      CallUUID: 'c-1',
      RequestUUID: 'uuid-call-1',
      CallStatus: 'completed',
      HangupCause: 'NORMAL_CLEARING',
      HangupCauseName: 'Normal Hangup',
      Duration: '24',
      AnswerTime: '2025-12-04 10:15:00',
      EndTime: '2025-12-04 10:15:24',
    });

    expect(plugin.deliveries.reports).toEqual([
      {
        messageId: 'call-1',
        status: 'delivered',
        at: '2025-12-04T10:15:24.000Z',
        detail: 'completed, Normal Hangup',
      },
    ]);
  });

  it('records a busy line as a failed call', async () => {
    await callback(`${accountId}/hangup/call-1`, {
      CallStatus: 'busy',
      HangupCauseName: 'Busy Line',
      Duration: '0',
      EndTime: '2025-12-04 10:16:00',
    });

    expect(plugin.deliveries.reports).toEqual([
      {
        messageId: 'call-1',
        status: 'failed',
        at: '2025-12-04T10:16:00.000Z',
        detail: 'busy, Busy Line',
      },
    ]);
  });
});
