import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { MonityError } from '@monity/core';

export const MAILGUN_HOSTS = {
  eu: 'https://api.eu.mailgun.net',
  us: 'https://api.mailgun.net',
} as const;

/** A company's Mailgun sending domain, as it configures it in Monity. */
export interface MailgunSettings {
  domain: string;
  apiKey: string;
  region: keyof typeof MAILGUN_HOSTS;
  webhookSigningKey?: string;
  from: string;
  fromName?: string;
  replyTo?: string;
}

export const mailgunSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['domain', 'apiKey', 'from'],
  properties: {
    domain: {
      type: 'string',
      format: 'hostname',
      title: 'Sending domain',
      description: 'The domain as verified in Mailgun, e.g. mg.firma.pl.',
    },
    apiKey: {
      type: 'string',
      minLength: 1,
      writeOnly: true,
      title: 'API key',
      description: 'A Mailgun API key (a domain sending key is enough).',
    },
    region: {
      type: 'string',
      enum: ['eu', 'us'],
      default: 'eu',
      title: 'Region',
      description: 'Where the domain lives in Mailgun: EU (api.eu.mailgun.net) or US.',
    },
    webhookSigningKey: {
      type: 'string',
      minLength: 1,
      writeOnly: true,
      title: 'HTTP webhook signing key',
      description: 'Checks that delivery webhooks come from Mailgun; without it they are refused.',
    },
    from: { type: 'string', format: 'email', title: 'From address' },
    fromName: { type: 'string', minLength: 1, maxLength: 200, title: 'From name' },
    replyTo: { type: 'string', format: 'email', title: 'Reply-To address' },
  },
} as const;

const ajv = new Ajv({ useDefaults: true });
addFormats.default(ajv);
const validate = ajv.compile(mailgunSettingsSchema);

/** The settings as the channel uses them, defaults applied; a refusal when they are not valid. */
export function readMailgunSettings(settings: Record<string, unknown>): MailgunSettings {
  const copy = structuredClone(settings);
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    const message = `The Mailgun account's settings are not valid: ${problems.join('; ')}`;
    throw new MonityError('mailgun_settings_invalid', message, 400);
  }
  return copy as unknown as MailgunSettings;
}
