import type { Transport } from './transport.ts';

/** What a message travels as. */
export type Medium = 'email' | 'sms' | 'voice';

/**
 * The JSON Schema of a channel's settings, as far as a form needs it: flat properties of a
 * simple type. A property marked `writeOnly` is a secret, never shown back.
 */
export interface SettingsSchema {
  type?: 'object';
  required?: string[];
  properties?: Record<string, SettingsProperty>;
  [keyword: string]: unknown;
}

export interface SettingsProperty {
  type?: 'string' | 'integer' | 'number' | 'boolean';
  enum?: (string | number)[];
  title?: string;
  description?: string;
  default?: unknown;
  writeOnly?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  [keyword: string]: unknown;
}

/** An installed channel (`GET /api/channels`): the sandbox, and each provider plugin's. */
export interface ChannelInfo {
  name: string;
  media: Medium[];
  /** Null for a channel that takes no settings, such as the sandbox. */
  settingsSchema: SettingsSchema | null;
}

/** A setting as an account shows it: a secret only says that it is set. */
export type SettingValue = string | number | boolean | { set: true } | null;

/** One of the company's accounts with a provider. */
export interface ChannelAccount {
  id: string;
  channel: string;
  name: string;
  /** The media this account sends by default; the sandbox sends those no account takes. */
  defaultFor: Medium[];
  settings: Record<string, SettingValue>;
  /** False when the account's channel plugin is no longer installed. */
  installed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewChannelAccount {
  channel: string;
  name: string;
  /** Naming a medium here takes it from the account that had it. */
  defaultFor?: Medium[];
  settings?: Record<string, unknown>;
}

/** What changes; a secret left out of `settings` keeps its value. */
export interface ChannelAccountChanges {
  name?: string;
  defaultFor?: Medium[];
  settings?: Record<string, unknown>;
}

export interface TestMessageRequest {
  medium: Medium;
  /** An e-mail address, or a phone number (Polish numbers may leave out +48). */
  to: string;
  /** The company's default account for the medium when left out, else the sandbox. */
  accountId?: string;
}

/** How the channel took a test message; the message is in the log under `messageId`. */
export type TestMessageOutcome =
  | { messageId: string; status: 'sent' | 'queued' | 'unknown'; providerMessageId?: string }
  | { messageId: string; status: 'refused'; reason: string };

/**
 * The channels installed, and sending a test message through one of the company's accounts.
 *
 * @example
 * const { items } = await monity.channels.list();
 * const outcome = await monity.channels.sendTest({ medium: 'sms', to: '601 234 567' });
 * if (outcome.status === 'refused') console.log(outcome.reason);
 */
export function channelRoutes(http: Transport) {
  return {
    list: () => http.request<{ items: ChannelInfo[] }>('GET', '/api/channels'),
    /** A 400 names `/body/to` when the address does not suit the medium. */
    sendTest: (body: TestMessageRequest) =>
      http.request<TestMessageOutcome>('POST', '/api/messages/test', { body }),
  };
}

/**
 * The company's accounts with its providers. Settings are checked against the channel's
 * schema (a 400 names each field as `/body/settings/<name>`); secrets are stored encrypted.
 *
 * @example
 * const account = await monity.channelAccounts.create({
 *   channel: 'smtp',
 *   name: 'Biuro',
 *   defaultFor: ['email'],
 *   settings: { host: 'smtp.firma.pl', port: 587, username: 'biuro', password: '…' },
 * });
 * await monity.channelAccounts.change(account.id, { settings: { port: 465 } }); // keeps password
 */
export function channelAccountRoutes(http: Transport) {
  const path = (id: string) => `/api/channel-accounts/${encodeURIComponent(id)}`;
  return {
    list: () => http.request<{ items: ChannelAccount[] }>('GET', '/api/channel-accounts'),
    create: (body: NewChannelAccount) =>
      http.request<ChannelAccount>('POST', '/api/channel-accounts', { body }),
    change: (id: string, body: ChannelAccountChanges) =>
      http.request<ChannelAccount>('PATCH', path(id), { body }),
    /** Its media fall back to the sandbox. */
    remove: (id: string) => http.request<void>('DELETE', path(id)),
  };
}
