import plivo from 'plivo';
import { describe, expect, it } from 'vitest';
import {
  signatureV2,
  signatureV3,
  verifiedNonce,
  type CallbackParams,
} from '../src/plivoSignature.ts';
import { speakXml } from '../src/speakXml.ts';

const token = 'MzAxNjFjZTk4ZDM1ZGY2ZWNmYmQ0OWIx';
const nonce = '05429567804466091622';

// The `plivo` package takes one value per field, or an array for a repeated one.
const sdkParams = (params: CallbackParams) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
  ) as Record<string, string>;

describe("Plivo's V3 signature, held to Plivo's own validateV3Signature", () => {
  it.each<[string, string, CallbackParams]>([
    [
      'form fields',
      'https://monity.example.pl/api/webhooks/plivo/a1/status/m1',
      { Status: ['delivered'], MessageUUID: ['u-1'], To: ['48500600700'], ErrorCode: ['000'] },
    ],
    [
      'a query and form fields',
      'https://monity.example.pl/cb/?b=2&a=1&a=0',
      { Z: ['1'], A: ['ą'] },
    ],
    ['a query alone', 'https://monity.example.pl:8443/cb?x=1', {}],
    ['neither', 'http://127.0.0.1:5173/api/webhooks/plivo/a1/answer/m1', {}],
    ['a repeated field', 'https://monity.example.pl/cb', { Tag: ['b', 'a'], One: ['zażółć'] }],
  ])('matches with %s', (_case, url, params) => {
    const signature = signatureV3(token, url, nonce, params);

    expect(plivo.validateV3Signature('POST', url, nonce, token, signature, sdkParams(params))).toBe(
      true,
    );
    expect(
      plivo.validateV3Signature('POST', url, nonce, `${token}x`, signature, sdkParams(params)),
    ).toBe(false);
  });
});

describe("Plivo's V2 signature, held to Plivo's own validateSignature", () => {
  it('covers the address without its query, and the nonce', () => {
    const url = 'https://monity.example.pl/api/webhooks/plivo/a1/status/m1?ignored=1';
    const signature = signatureV2(token, url, nonce);

    expect(plivo.validateSignature(url, nonce, signature, token)).toBe(true);
    expect(plivo.validateSignature(url, '1', signature, token)).toBe(false);
  });
});

describe('checking a callback', () => {
  const url = 'https://monity.example.pl/api/webhooks/plivo/a1/status/m1';
  const params = { Status: ['delivered'] };
  const v3 = signatureV3(token, url, nonce, params);

  it('takes a V3 signature among several, and returns its nonce', () => {
    expect(verifiedNonce(token, url, params, { v3: `bm90IGl0, ${v3}`, v3Nonce: nonce })).toBe(
      nonce,
    );
  });

  it('refuses changed fields, a changed address, or a V3 header without its nonce', () => {
    const headers = { v3, v3Nonce: nonce };
    expect(verifiedNonce(token, url, { Status: ['failed'] }, headers)).toBeUndefined();
    expect(verifiedNonce(token, `${url}x`, params, headers)).toBeUndefined();
    expect(verifiedNonce(token, url, params, { v3 })).toBeUndefined();
  });

  it('falls back to V2 only when no V3 signature came', () => {
    const v2 = signatureV2(token, url, nonce);
    expect(verifiedNonce(token, url, params, { v2, v2Nonce: nonce })).toBe(nonce);
    expect(
      verifiedNonce(token, url, params, { v3: 'bad', v3Nonce: nonce, v2, v2Nonce: nonce }),
    ).toBeUndefined();
    expect(verifiedNonce(token, url, params, {})).toBeUndefined();
  });
});

describe('the XML a call reads', () => {
  it.each([
    'Dzień dobry, tu firma Kowalski. Przypominamy o fakturze na 1 234,56 zł.',
    'Spółka "Zażółć" & <Gęślą> sp. z o.o.',
  ])("is what Plivo's own Response builds for %j", (text) => {
    const sdk = plivo.Response();
    sdk.addSpeak(text, { language: 'pl-PL', voice: 'Polly.Ewa' });

    expect(speakXml(text, { language: 'pl-PL', voice: 'Polly.Ewa' })).toBe(sdk.toXML());
  });

  it('drops characters XML cannot hold', () => {
    expect(speakXml('a\u0000b\u001bc', { language: 'pl-PL', voice: 'WOMAN' })).toBe(
      '<Response><Speak language="pl-PL" voice="WOMAN">abc</Speak></Response>',
    );
  });
});
