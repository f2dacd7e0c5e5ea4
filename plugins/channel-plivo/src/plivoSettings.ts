import { Ajv } from 'ajv';
import { MonityError } from '@monity/core';

/** A company's Plivo account, as it configures it in Monity. */
export interface PlivoSettings {
  authId: string;
  authToken: string;
  source: string;
  language: string;
  voice: string;
}

export const plivoSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authId', 'authToken', 'source'],
  properties: {
    authId: {
      type: 'string',
      pattern: '^[A-Za-z0-9]{10,40}$',
      title: 'Auth ID',
      description: "The account's (or subaccount's) Auth ID from Plivo's console.",
    },
    authToken: {
      type: 'string',
      minLength: 1,
      writeOnly: true,
      title: 'Auth token',
      description: 'Authenticates requests to Plivo, and Plivo signs its callbacks with it.',
    },
    source: {
      type: 'string',
      pattern: '^\\+[1-9][0-9]{6,14}$',
      title: 'Source number',
      description: 'A number of the Plivo account, in E.164 (+48…): the SMS sender and caller.',
    },
    language: {
      type: 'string',
      pattern: '^[a-z]{2,3}-[A-Z]{2}$',
      default: 'pl-PL',
      title: 'Language of calls',
      description: "The language Plivo's speech reads a call's text in.",
    },
    voice: {
      type: 'string',
      pattern: '^(WOMAN|MAN|Polly\\.[A-Za-z]+(-Neural)?)$',
      default: 'Polly.Ewa',
      title: 'Voice of calls',
      description:
        'WOMAN, MAN, or an Amazon Polly voice of the language (Polly.Ewa, Polly.Jacek…).',
    },
  },
} as const;

const validate = new Ajv({ useDefaults: true }).compile(plivoSettingsSchema);

/** The settings as the channel uses them, defaults applied; a refusal when they are not valid. */
export function readPlivoSettings(settings: Record<string, unknown>): PlivoSettings {
  const copy = structuredClone(settings);
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    const message = `The Plivo account's settings are not valid: ${problems.join('; ')}`;
    throw new MonityError('plivo_settings_invalid', message, 400);
  }
  return copy as unknown as PlivoSettings;
}
