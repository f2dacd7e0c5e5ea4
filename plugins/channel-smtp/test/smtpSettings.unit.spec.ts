import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { transportOptions } from '../src/smtpChannel.ts';
import { readSmtpSettings, smtpSettingsSchema } from '../src/smtpSettings.ts';

const minimal = { host: 'smtp.firma.pl', from: 'windykacja@firma.pl' };

describe('SMTP settings', () => {
  it('are a strict draft-07 schema whose only secret is the password', () => {
    const ajv = new Ajv({ strict: true });
    addFormats.default(ajv);
    expect(() => ajv.compile(smtpSettingsSchema)).not.toThrow();
    const secrets = Object.entries(smtpSettingsSchema.properties)
      .filter(([, property]) => 'writeOnly' in property && property.writeOnly)
      .map(([name]) => name);
    expect(secrets).toEqual(['password']);
  });

  it('default to port 587 with STARTTLS required', () => {
    const settings = readSmtpSettings(minimal);

    expect(settings).toEqual({ ...minimal, port: 587, security: 'starttls' });
    expect(transportOptions(settings, 60_000)).toMatchObject({
      port: 587,
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
    });
  });

  it.each([
    ['tls', { secure: true, requireTLS: false, ignoreTLS: false }],
    ['none', { secure: false, requireTLS: false, ignoreTLS: true }],
  ])('map %s to its kind of connection', (security, expected) => {
    const settings = readSmtpSettings({ ...minimal, security, port: 465 });

    expect(transportOptions(settings, 60_000)).toMatchObject(expected);
  });

  it('log in only with a user name, and never time out later than told', () => {
    const settings = readSmtpSettings({ ...minimal, user: 'u', password: 'p' });

    expect(transportOptions(settings, 5000)).toMatchObject({
      auth: { user: 'u', pass: 'p' },
      connectionTimeout: 5000,
      socketTimeout: 5000,
    });
    expect(transportOptions(readSmtpSettings(minimal), 5000)).not.toHaveProperty('auth');
  });

  it.each([
    [{ user: 'u' }, 'must have property password when property user is present'],
    [{ security: 'ssl' }, '/security must be equal to one of the allowed values'],
    [{ port: 0 }, '/port must be >= 1'],
  ])('refuse %j', (change, problem) => {
    expect(() => readSmtpSettings({ ...minimal, ...change })).toThrow(problem);
  });
});
