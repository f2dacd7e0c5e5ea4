import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { MonityError } from '@monity/core';

/** A company's mail server, as it configures it in Monity. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (port 465); `starttls`: required upgrade (587); `none`. */
  security: 'starttls' | 'tls' | 'none';
  user?: string;
  password?: string;
  from: string;
  fromName?: string;
  replyTo?: string;
}

export const smtpSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'from'],
  properties: {
    host: { type: 'string', format: 'hostname', title: 'Mail server' },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 587, title: 'Port' },
    security: {
      type: 'string',
      enum: ['starttls', 'tls', 'none'],
      default: 'starttls',
      title: 'Encryption',
      description:
        'starttls: plain connection upgraded to TLS, which is required (usually port 587); ' +
        'tls: TLS from the start (usually 465); none: no encryption, for a relay on a ' +
        'trusted network only.',
    },
    user: { type: 'string', minLength: 1, title: 'User name' },
    password: { type: 'string', minLength: 1, writeOnly: true, title: 'Password' },
    from: { type: 'string', format: 'email', title: 'From address' },
    fromName: { type: 'string', minLength: 1, maxLength: 200, title: 'From name' },
    replyTo: { type: 'string', format: 'email', title: 'Reply-To address' },
  },
  dependencies: { user: ['password'], password: ['user'] },
} as const;

const ajv = new Ajv({ useDefaults: true });
addFormats.default(ajv);
const validate = ajv.compile(smtpSettingsSchema);

/** The settings as the channel uses them, defaults applied; a refusal when they are not valid. */
export function readSmtpSettings(settings: Record<string, unknown>): SmtpSettings {
  const copy = structuredClone(settings);
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    const message = `The SMTP account's settings are not valid: ${problems.join('; ')}`;
    throw new MonityError('smtp_settings_invalid', message, 400);
  }
  return copy as unknown as SmtpSettings;
}
