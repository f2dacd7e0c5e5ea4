import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readSmsapiSettings, smsapiSettingsSchema } from '../src/smsapiSettings.ts';

describe('SMSAPI settings', () => {
  it('are a strict draft-07 schema whose only secret is the token', () => {
    expect(() => new Ajv({ strict: true }).compile(smsapiSettingsSchema)).not.toThrow();
    const secrets = Object.entries(smsapiSettingsSchema.properties)
      .filter(([, property]) => 'writeOnly' in property && property.writeOnly)
      .map(([name]) => name);
    expect(secrets).toEqual(['token']);
  });

  it('default to SMSAPI.pl', () => {
    expect(readSmsapiSettings({ token: 't', sender: 'Firma' })).toEqual({
      token: 't',
      sender: 'Firma',
      baseUrl: 'https://api.smsapi.pl/',
    });
  });

  it.each([
    [{ token: 't', sender: 'Sender name too long' }, '/sender must NOT have more than 11'],
    [{ token: 't', sender: 'Firma', baseUrl: 'https://evil.example/' }, '/baseUrl must be equal'],
    [{ token: '', sender: 'Firma' }, '/token must NOT have fewer than 1'],
  ])('refuse %j', (settings, problem) => {
    expect(() => readSmsapiSettings(settings)).toThrow(problem);
  });
});
