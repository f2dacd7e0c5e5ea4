import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mailgunSettingsSchema, readMailgunSettings } from '../src/mailgunSettings.ts';

const minimal = { domain: 'mg.firma.pl', apiKey: 'k', from: 'windykacja@mg.firma.pl' };

describe('Mailgun settings', () => {
  it('are a strict draft-07 schema whose secrets are the two keys', () => {
    const ajv = new Ajv({ strict: true });
    addFormats.default(ajv);
    expect(() => ajv.compile(mailgunSettingsSchema)).not.toThrow();
    const secrets = Object.entries(mailgunSettingsSchema.properties)
      .filter(([, property]) => 'writeOnly' in property && property.writeOnly)
      .map(([name]) => name);
    expect(secrets).toEqual(['apiKey', 'webhookSigningKey']);
  });

  it('place the domain in the EU unless told otherwise', () => {
    expect(readMailgunSettings(minimal)).toEqual({ ...minimal, region: 'eu' });
  });

  it.each([
    [{ from: 'not an address' }, '/from must match format "email"'],
    [{ region: 'asia' }, '/region must be equal to one of the allowed values'],
    [{ domain: 'mg firma' }, '/domain must match format "hostname"'],
  ])('refuse %j', (change, problem) => {
    expect(() => readMailgunSettings({ ...minimal, ...change })).toThrow(problem);
  });
});
