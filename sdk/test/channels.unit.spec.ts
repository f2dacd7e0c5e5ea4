import { describe, expect, it } from 'vitest';
import { createMonityClient } from '../src/index.ts';

function recordingClient() {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit = {}) => {
    sent.push({ url, init });
    const status = init.method === 'DELETE' ? 204 : 200;
    return new Response(status === 204 ? null : '{}', {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { monity: createMonityClient({ fetch }), sent };
}

describe('the channels and messages of the client', () => {
  it('lists channels and accounts, changes accounts and sends a test message', async () => {
    const { monity, sent } = recordingClient();
    const id = '0197a3c2-5b1e-7000-8000-000000000001';

    await monity.channels.list();
    await monity.channelAccounts.list();
    await monity.channelAccounts.create({ channel: 'smsapi', name: 'SMS', defaultFor: ['sms'] });
    await monity.channelAccounts.change(id, { settings: { sender: 'Firma' } });
    await monity.channelAccounts.remove(id);
    await monity.channels.sendTest({ medium: 'sms', to: '601 234 567', accountId: id });

    expect(sent.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET /api/channels',
      'GET /api/channel-accounts',
      'POST /api/channel-accounts',
      `PATCH /api/channel-accounts/${id}`,
      `DELETE /api/channel-accounts/${id}`,
      'POST /api/messages/test',
    ]);
    expect(JSON.parse(String(sent[3]!.init.body))).toEqual({ settings: { sender: 'Firma' } });
    expect(JSON.parse(String(sent[5]!.init.body))).toEqual({
      medium: 'sms',
      to: '601 234 567',
      accountId: id,
    });
  });

  it('pages the message log by its filters and reads one message', async () => {
    const { monity, sent } = recordingClient();

    await monity.messages.list({ status: 'refused', medium: 'email', after: 'c-1', limit: 20 });
    await monity.messages.list();
    await monity.messages.get('m-1');

    expect(sent.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET /api/messages?status=refused&medium=email&after=c-1&limit=20',
      'GET /api/messages',
      'GET /api/messages/m-1',
    ]);
  });
});
