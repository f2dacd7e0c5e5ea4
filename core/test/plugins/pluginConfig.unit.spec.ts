import { describe, expect, it } from 'vitest';
import { validatePluginConfig } from '../../src/plugins/pluginConfig.ts';
import type { PluginManifest } from '../../src/plugins/pluginManifest.ts';
import { captureLogger } from './pluginTestKit.ts';

const smtp: PluginManifest = {
  name: '@monity/plugin-smtp',
  version: '1.0.0',
  kind: 'channel',
  dir: '/plugins/smtp',
  entry: '/plugins/smtp/src/index.ts',
  configSchema: {
    type: 'object',
    required: ['host'],
    additionalProperties: false,
    properties: {
      host: { type: 'string', format: 'hostname' },
      port: { type: 'integer', default: 587 },
      security: { enum: ['starttls', 'tls', 'none'], default: 'starttls' },
      auth: {
        type: 'object',
        properties: { user: { type: 'string' }, pass: { type: 'string', minLength: 8 } },
      },
    },
  },
};

const validate = (raw: unknown, manifest = smtp) =>
  validatePluginConfig(manifest, raw, captureLogger().logger);

describe('validatePluginConfig', () => {
  it('returns the configuration with the defaults of the schema', () => {
    expect(validate({ host: 'smtp.example.pl' })).toEqual({
      host: 'smtp.example.pl',
      port: 587,
      security: 'starttls',
    });
  });

  it('passes a configuration through when the plugin has no schema', () => {
    const manifest = { ...smtp, configSchema: undefined };

    expect(validate(undefined, manifest)).toEqual({});
    expect(validate({ anything: 1 }, manifest)).toEqual({ anything: 1 });
  });

  it.each([
    [{ host: 'smtp.example.pl', port: '587' }, 'setting "port" must be integer'],
    [{ port: 25 }, 'setting "host" is required'],
    [undefined, 'setting "host" is required'],
    [{ host: 'smtp.example.pl', prot: 25 }, 'setting "prot" is not a known setting'],
    [{ host: 'a', security: 'ssl' }, 'setting "security" must be one of "starttls", "tls", "none"'],
    [
      { host: 'a', auth: { pass: 'short' } },
      'setting "auth.pass" must NOT have fewer than 8 characters',
    ],
    [{ host: 'not a host!' }, 'setting "host" must match format "hostname"'],
    ['smtp.example.pl', 'configuration must be object'],
  ])('refuses %j: %s', (raw, problem) => {
    expect(() => validate(raw)).toThrow(
      expect.objectContaining({
        code: 'plugin_config_invalid',
        message: `Plugin @monity/plugin-smtp: ${problem}`,
      }),
    );
  });

  it('never puts the refused value in the message, as it may be a secret', () => {
    expect(() => validate({ host: 'a', auth: { pass: 's3cr' } })).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('s3cr') }),
    );
  });

  it('refuses a schema that does not describe an object', () => {
    const manifest = { ...smtp, configSchema: { type: 'string' } };

    expect(() => validate({}, manifest)).toThrow(
      expect.objectContaining({ code: 'plugin_manifest_invalid' }),
    );
  });
});
