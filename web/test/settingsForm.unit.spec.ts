import type { SettingsSchema } from '@monity/sdk';
import { describe, expect, it } from 'vitest';
import {
  secretIsSet,
  settingFields,
  settingsBody,
  settingsDraft,
} from '../app/utils/settingsForm.ts';

// Shaped as a mail server's settings are: every kind of input a flat form has.
const SMTP: SettingsSchema = {
  type: 'object',
  required: ['host', 'from', 'password'],
  properties: {
    host: { type: 'string', title: 'Server', maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
    secure: { type: 'boolean', title: 'TLS from the start', default: false },
    from: { type: 'string', format: 'email', title: 'Sender address' },
    password: { type: 'string', writeOnly: true, title: 'Password' },
    security: { type: 'string', enum: ['starttls', 'tls', 'none'], default: 'starttls' },
    timeoutSeconds: { type: 'number' },
    headers: { type: 'object' },
  },
};

describe("a channel's settings form", () => {
  it('has one input per property, in order, of the kind its schema says', () => {
    const { fields, skipped } = settingFields(SMTP);

    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['host', 'text'],
      ['port', 'integer'],
      ['secure', 'boolean'],
      ['from', 'text'],
      ['password', 'secret'],
      ['security', 'choice'],
      ['timeoutSeconds', 'number'],
    ]);
    expect(skipped).toEqual(['headers']);
    expect(fields.find((f) => f.name === 'from')).toMatchObject({
      title: 'Sender address',
      required: true,
      inputType: 'email',
    });
    expect(fields.find((f) => f.name === 'port')).toMatchObject({
      title: 'port',
      required: false,
      minimum: 1,
      maximum: 65535,
    });
    expect(fields.find((f) => f.name === 'security')?.choices).toEqual(['starttls', 'tls', 'none']);
  });

  it('has no inputs for a channel without settings, such as the sandbox', () => {
    expect(settingFields(null)).toEqual({ fields: [], skipped: [] });
  });

  it("starts a new account at the schema's defaults, and an existing one at its settings", () => {
    const { fields } = settingFields(SMTP);

    expect(settingsDraft(fields, SMTP)).toEqual({
      host: '',
      port: '587',
      secure: false,
      from: '',
      password: '',
      security: 'starttls',
      timeoutSeconds: '',
    });
    const settings = {
      host: 'smtp.firma.pl',
      port: 465,
      secure: true,
      from: 'biuro@firma.pl',
      password: { set: true as const },
      security: 'tls',
    };
    expect(settingsDraft(fields, SMTP, settings)).toMatchObject({
      host: 'smtp.firma.pl',
      port: '465',
      secure: true,
      password: '',
      security: 'tls',
    });
    expect(secretIsSet(settings, 'password')).toBe(true);
    expect(secretIsSet(settings, 'host')).toBe(false);
    expect(secretIsSet({}, 'password')).toBe(false);
  });

  it('sends typed values, and leaves out what was left empty so a secret keeps its value', () => {
    const { fields } = settingFields(SMTP);
    const draft = {
      ...settingsDraft(fields, SMTP),
      host: '  smtp.firma.pl ',
      port: '2525',
      timeoutSeconds: '2,5',
    };

    expect(settingsBody(fields, draft)).toEqual({
      host: 'smtp.firma.pl',
      port: 2525,
      secure: false,
      security: 'starttls',
      timeoutSeconds: 2.5,
    });
    expect(settingsBody(fields, { ...draft, password: ' hasło z spacją ' })).toMatchObject({
      password: ' hasło z spacją ',
    });
  });

  it('sends a number that does not parse as typed, for the server to refuse at its field', () => {
    const { fields } = settingFields(SMTP);
    const draft = { ...settingsDraft(fields, SMTP), port: '25.5', timeoutSeconds: 'dwie' };

    expect(settingsBody(fields, draft)).toMatchObject({ port: '25.5', timeoutSeconds: 'dwie' });
  });

  it('sends a numeric choice as the number the schema lists', () => {
    const schema: SettingsSchema = { properties: { region: { enum: [1, 2] } } };
    const { fields } = settingFields(schema);

    expect(settingsBody(fields, { region: '2' })).toEqual({ region: 2 });
  });
});
