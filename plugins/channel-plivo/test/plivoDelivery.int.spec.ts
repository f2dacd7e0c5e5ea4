import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import { startProviderStub, type ProviderStub } from '@monity/channel-testkit';
import { signatureV3 } from '../src/plivoSignature.ts';

const publicUrl = 'https://monity.example.pl';
const settings = {
  authId: 'MAXXXXXXXXXXXXXXXXXX',
  authToken: 'plivo-auth-token-1',
  source: '+48221234567',
};

let provider: ProviderStub;
let access: AccessServer;

beforeAll(async () => {
  provider = await startProviderStub();
  provider.answer({ status: 202, json: { message: 'message(s) queued', message_uuid: ['u-1'] } });
  access = await startAccessServer({
    MONITY_PUBLIC_URL: publicUrl,
    MONITY_PLUGINS: JSON.stringify({
      config: { '@monity/channel-plivo': { apiUrl: provider.url } },
    }),
  });
});
afterAll(async () => {
  await access.close();
  await provider.close();
});

describe('an SMS through Plivo, in a whole Monity server', () => {
  it("is sent through the company's account and marked delivered by Plivo's signed callback", async () => {
    const { browser } = await signUp(access.server.url, 'Plivo Klient');
    const account = await browser.request('POST', '/api/channel-accounts', {
      channel: 'plivo',
      name: 'Plivo',
      defaultFor: ['sms'],
      settings,
    });
    expect(account.status).toBe(201);

    const sent = await browser.request('POST', '/api/messages/test', {
      medium: 'sms',
      to: '500 600 700',
    });
    expect(sent.body).toMatchObject({ status: 'queued', providerMessageId: 'u-1' });
    const id = sent.body.messageId as string;
    const request = JSON.parse(provider.requests[0]!.body.toString('utf8'));
    expect(request).toMatchObject({ dst: '+48500600700', url: expect.stringContaining(id) });

    // Plivo calls the address it was given; the test reaches the same path on the server.
    const path = new URL(request.url).pathname;
    const fields = { Status: 'delivered', MessageUUID: 'u-1', ErrorCode: '000' };
    const callback = (nonce: string) =>
      fetch(`${access.server.url}${path}`, {
        method: 'POST',
        headers: {
          'x-plivo-signature-v3': signatureV3(settings.authToken, request.url, nonce, {
            Status: ['delivered'],
            MessageUUID: ['u-1'],
            ErrorCode: ['000'],
          }),
          'x-plivo-signature-v3-nonce': nonce,
        },
        body: new URLSearchParams(fields),
      });

    expect((await callback('n-1')).status).toBe(200);
    await expect
      .poll(async () => (await browser.request('GET', `/api/messages/${id}`)).body.status)
      .toBe('delivered');
    expect((await callback('n-1')).status).toBe(403);
  });
});
