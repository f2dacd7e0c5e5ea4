import { Ajv } from 'ajv';
import { MonityError } from '@monity/core';

const SMSAPI_HOSTS = ['https://api.smsapi.pl/', 'https://api.smsapi.com/'] as const;

/** A company's SMSAPI account, as it configures it in Monity. */
export interface SmsapiSettings {
  token: string;
  sender: string;
  baseUrl: (typeof SMSAPI_HOSTS)[number];
}

export const smsapiSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'sender'],
  properties: {
    token: {
      type: 'string',
      minLength: 1,
      writeOnly: true,
      title: 'OAuth token',
      description: 'An SMSAPI OAuth token allowed to send SMS (panel: API settings, OAuth tokens).',
    },
    sender: {
      type: 'string',
      minLength: 1,
      maxLength: 11,
      title: 'Sender name',
      description: 'A sender name registered and active in the SMSAPI panel.',
    },
    baseUrl: {
      type: 'string',
      enum: [...SMSAPI_HOSTS],
      default: SMSAPI_HOSTS[0],
      title: 'SMSAPI service',
      description: 'SMSAPI.pl, or SMSAPI.com for accounts opened there.',
    },
  },
} as const;

const validate = new Ajv({ useDefaults: true }).compile(smsapiSettingsSchema);

/** The settings as the channel uses them, defaults applied; a refusal when they are not valid. */
export function readSmsapiSettings(settings: Record<string, unknown>): SmsapiSettings {
  const copy = structuredClone(settings);
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    const message = `The SMSAPI account's settings are not valid: ${problems.join('; ')}`;
    throw new MonityError('smsapi_settings_invalid', message, 400);
  }
  return copy as unknown as SmsapiSettings;
}
