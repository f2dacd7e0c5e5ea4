import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { plivoSettingsSchema, readPlivoSettings } from '../src/plivoSettings.ts';

describe('Plivo settings', () => {
  it('are a strict draft-07 schema whose only secret is the auth token', () => {
    expect(() => new Ajv({ strict: true }).compile(plivoSettingsSchema)).not.toThrow();
    const secrets = Object.entries(plivoSettingsSchema.properties)
      .filter(([, property]) => 'writeOnly' in property && property.writeOnly)
      .map(([name]) => name);
    expect(secrets).toEqual(['authToken']);
  });

  it('speak Polish with Polly.Ewa unless told otherwise', () => {
    const settings = { authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', source: '+48221234567' };
    expect(readPlivoSettings(settings)).toEqual({
      ...settings,
      language: 'pl-PL',
      voice: 'Polly.Ewa',
    });
  });

  it.each([
    [{ source: '221234567' }, '/source must match pattern'],
    [{ voice: 'Ewa' }, '/voice must match pattern'],
    [{ language: 'polski' }, '/language must match pattern'],
  ])('refuse %j', (change, problem) => {
    const settings = { authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 't', source: '+48221234567' };
    expect(() => readPlivoSettings({ ...settings, ...change })).toThrow(problem);
  });
});
