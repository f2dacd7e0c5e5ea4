import { randomBytes } from 'node:crypto';
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
import { signatureOf } from '../src/mailgunSignature.ts';

const dir = fileURLToPath(new URL('..', import.meta.url));
const accountId = '7c2d9e10-4b5a-4f6e-9a8b-1c2d3e4f5a6b';
const settings = {
  domain: 'mg.firma.pl',
  apiKey: 'key-mailgun-1',
  webhookSigningKey: 'signing-key-1',
  from: 'windykacja@mg.firma.pl',
  fromName: 'Firma "Kowalski" Sp. z o.o.',
  replyTo: 'ksiegowosc@firma.pl',
};
const messageId = '01939a52-7c4e-7bb1-9d2f-3c5a8e0f1a2b';
const subject = 'Przypomnienie: faktura FV/7/2026 — 1 234,56 zł';
const text = 'Dzień dobry, uprzejmie przypominamy o płatności. Zażółć gęślą jaźń.';
const html = '<p>Dzień dobry, uprzejmie przypominamy o <b>płatności</b>.</p>';

const message = (over: Partial<ChannelMessage> = {}): ChannelMessage => ({
  id: messageId,
  tenantId: 'tenant-a',
  medium: 'email',
  to: 'jan.nowak@example.pl',
  subject,
  body: text,
  html,
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
  plugin.channel('mailgun').send(message(over), settings);

describe('sending through Mailgun', () => {
  it("posts the domain's messages resource with Monity's id as a user variable", async () => {
    provider.answer({
      status: 200,
      json: { id: '<20251204101500.1.ABC@mg.firma.pl>', message: 'Queued. Thank you.' },
    });

    expect(await send()).toEqual({
      status: 'queued',
      providerMessageId: '<20251204101500.1.ABC@mg.firma.pl>',
    });
    const [request] = provider.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v3/mg.firma.pl/messages');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('api:key-mailgun-1').toString('base64')}`,
    );
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(await formFields(request!)).toEqual({
      from: ['"Firma \\"Kowalski\\" Sp. z o.o." <windykacja@mg.firma.pl>'],
      to: ['jan.nowak@example.pl'],
      subject: [subject],
      text: [text],
      html: [html],
      'o:tag': ['monity'],
      'v:monity-message-id': [messageId],
      'h:Reply-To': ['ksiegowosc@firma.pl'],
    });
  });

  it('sends the plain address, and no HTML or Reply-To, when there are none', async () => {
    provider.answer({ status: 200, json: { id: '<2@mg.firma.pl>', message: 'Queued.' } });
    const plain = { ...settings, fromName: undefined, replyTo: undefined };

    await plugin.channel('mailgun').send(message({ html: undefined }), plain);

    expect(await formFields(provider.requests[0]!)).toEqual({
      from: ['windykacja@mg.firma.pl'],
      to: ['jan.nowak@example.pl'],
      subject: [subject],
      text: [text],
      'o:tag': ['monity'],
      'v:monity-message-id': [messageId],
    });
  });

  it.each([
    [400, "'to' parameter is not a valid address. please check documentation"],
    [401, 'Forbidden'],
  ])('rejects what Mailgun refuses with %i, in its words', async (status, words) => {
    provider.answer({ status, json: { message: words } });

    await expect(send()).rejects.toThrow(`Mailgun refused it (${status}): ${words}`);
  });

  it.each([
    ['a server error', { status: 500, text: 'Internal Server Error' }],
    ['no answer in time', 'hang' as const],
  ])('says the outcome is unknown after %s', async (_case, answer) => {
    provider.answer(answer);

    expect(await send()).toEqual({ status: 'unknown' });
  });

  it('rejects when Mailgun cannot be reached at all', async () => {
    const closed = await startProviderStub();
    await closed.close();
    const offline = await loadChannelPlugin(dir, { config: { apiUrl: closed.url } });

    await expect(offline.channel('mailgun').send(message(), settings)).rejects.toThrow(
      'Mailgun could not be reached (ECONNREFUSED)',
    );
    await offline.close();
  });
});

describe("Mailgun's webhooks", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (timestamp = now(), key = 'signing-key-1') => {
    const token = randomBytes(25).toString('hex');
    return {
      timestamp: String(timestamp),
      token,
      signature: signatureOf(key, `${timestamp}`, token),
    };
  };
  const event = (data: Record<string, unknown>) => ({
    timestamp: 1764843300.25,
    'user-variables': { 'monity-message-id': messageId },
    message: { headers: { 'message-id': '20251204101500.1.ABC@mg.firma.pl' } },
    ...data,
  });
  const webhook = (body: unknown, account = accountId) =>
    fetch(`${plugin.server.url}/api/webhooks/mailgun/${account}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(() => {
    const known = plugin.deliveries;
    known.accounts.set(accountId, { tenantId: 'tenant-a', channel: 'mailgun', settings });
    const unsigned = { ...settings, webhookSigningKey: undefined };
    known.accounts.set('no-key', { tenantId: 'tenant-a', channel: 'mailgun', settings: unsigned });
    known.messages.push(
      { messageId, tenantId: 'tenant-a', medium: 'email', body: text },
      {
        messageId: 'by-provider-id',
        tenantId: 'tenant-a',
        medium: 'email',
        body: text,
        channel: 'mailgun',
        providerMessageId: '<2@mg.firma.pl>',
      },
      { messageId: 'foreign', tenantId: 'tenant-b', medium: 'email', body: text },
    );
  });
  beforeEach(() => {
    plugin.deliveries.reports.length = 0;
  });

  it('records a delivery, dated by Mailgun, with the receiving server’s reply', async () => {
    const response = await webhook({
      signature: signed(),
      'event-data': event({
        event: 'delivered',
        'delivery-status': { code: 250, message: 'OK', description: '' },
      }),
    });

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([
      { messageId, status: 'delivered', at: '2025-12-04T10:15:00.250Z', detail: '250 OK' },
    ]);
  });

  it.each([
    [
      'a permanent failure as a bounce',
      {
        event: 'failed',
        severity: 'permanent',
        reason: 'bounce',
        'delivery-status': { code: 550, message: '5.1.1 User unknown' },
      },
      { status: 'bounced', detail: 'bounce: 550 5.1.1 User unknown' },
    ],
    [
      'a permanent failure of another kind as failed',
      { event: 'failed', severity: 'permanent', reason: 'old' },
      { status: 'failed', detail: 'old' },
    ],
    ['an opening', { event: 'opened' }, { status: 'opened' }],
    [
      'a complaint as delivered, saying so',
      { event: 'complained' },
      { status: 'delivered', detail: 'complained: the recipient marked it as spam' },
    ],
  ])('records %s', async (_case, data, expected) => {
    await webhook({ signature: signed(), 'event-data': event(data) });

    expect(plugin.deliveries.reports).toEqual([
      { messageId, at: '2025-12-04T10:15:00.250Z', ...expected },
    ]);
  });

  it('finds a message by Mailgun’s id when the event lacks Monity’s', async () => {
    await webhook({
      signature: signed(),
      'event-data': {
        event: 'delivered',
        timestamp: 1764843300,
        message: { headers: { 'message-id': '2@mg.firma.pl' } },
      },
    });

    expect(plugin.deliveries.reports).toMatchObject([{ messageId: 'by-provider-id' }]);
  });

  it.each([
    ['a temporary failure, which Mailgun retries', { event: 'failed', severity: 'temporary' }],
    ['a click', { event: 'clicked' }],
    ['mail Monity did not send', { event: 'delivered', 'user-variables': {}, message: {} }],
  ])('takes and records nothing of %s', async (_case, data) => {
    const response = await webhook({ signature: signed(), 'event-data': event(data) });

    expect(response.status).toBe(200);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it.each([
    ['a signature made with another key', () => signed(now(), 'not-the-key')],
    ['a changed signature', () => ({ ...signed(), signature: 'ab'.repeat(32) })],
    ['a timestamp over 5 minutes old', () => signed(now() - 301)],
    ['a timestamp in the future', () => signed(now() + 120)],
  ])('refuses %s with 406 and records nothing', async (_case, signature) => {
    const response = await webhook({
      signature: signature(),
      'event-data': event({ event: 'delivered' }),
    });

    expect(response.status).toBe(406);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it('refuses a signature used before, even with another event', async () => {
    const signature = signed();
    await webhook({ signature, 'event-data': event({ event: 'delivered' }) });
    plugin.deliveries.reports.length = 0;

    const again = await webhook({ signature, 'event-data': event({ event: 'opened' }) });

    expect(again.status).toBe(406);
    expect(plugin.deliveries.reports).toEqual([]);
  });

  it.each([
    ['an account without a signing key', 'no-key', messageId],
    ['an account Monity does not have', 'nobody', messageId],
    ["another company's message", accountId, 'foreign'],
  ])('refuses an event for %s', async (_case, account, id) => {
    const data = event({ event: 'delivered', 'user-variables': { 'monity-message-id': id } });

    const response = await webhook({ signature: signed(), 'event-data': data }, account);

    expect(response.status).toBe(406);
    expect(plugin.deliveries.reports).toEqual([]);
  });
});
