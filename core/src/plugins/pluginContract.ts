/**
 * The contract between Monity and its plugins. A plugin is an ESM npm package (a workspace
 * package under `plugins/` or a package installed from npm) whose package.json carries a
 * `monity` field, and whose entry module exports `register(context)`.
 *
 * The interfaces for channels, importers and connectors are their **first shape**: only what
 * the host's registry needs today. Later versions of Monity add members to them.
 *
 * @example
 * ```jsonc
 * // package.json
 * {
 *   "name": "@acme/monity-plugin-sms",
 *   "version": "1.0.0",
 *   "type": "module",
 *   "exports": "./dist/index.js",
 *   "monity": {
 *     "kind": "channel",
 *     "configSchema": {
 *       "type": "object",
 *       "properties": { "sender": { "type": "string", "default": "Monity" } }
 *     }
 *   }
 * }
 * ```
 * ```ts
 * // src/index.ts
 * import type { ChannelPluginContext } from '@monity/core';
 *
 * type Config = { sender: string };
 *
 * export function register({ config, logger, channels }: ChannelPluginContext<Config>) {
 *   // A sandbox: it logs the message instead of calling a provider.
 *   channels.register({
 *     name: 'sms',
 *     async send(message) {
 *       logger.info({ id: message.id, from: config.sender, to: message.to }, 'sms captured');
 *       return { status: 'sent', providerMessageId: `sandbox-${message.id}` };
 *     },
 *   });
 * }
 * ```
 */
import type { AwilixContainer } from 'awilix';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { RouteDefinition } from '../http/defineRoute.ts';

/** What a plugin contributes; it decides which registration port its context carries. */
export type PluginKind = 'importer' | 'connector' | 'channel' | 'read-models';

export const PLUGIN_KINDS: readonly PluginKind[] = [
  'importer',
  'connector',
  'channel',
  'read-models',
];

/** The `monity` field of a plugin's package.json. Name and version come from package.json. */
export interface PluginManifestField {
  kind: PluginKind;
  /** Path of the entry module, relative to the package; defaults to `exports` or `main`. */
  entry?: string;
  /**
   * JSON Schema (draft-07, as ajv 8 reads it) of the plugin's configuration, inline or as a
   * path of a JSON file relative to the package. Its `default`s are applied before `register`.
   */
  configSchema?: Record<string, unknown> | string;
}

/** What a message travels as. */
export type Medium = 'email' | 'sms' | 'voice';

/** One message handed to a channel for delivery. */
export interface ChannelMessage {
  /** Stable id of the message in Monity: pass it to providers that deduplicate. */
  id: string;
  /** `null` for messages of Monity itself to a person, such as a password reset. */
  tenantId: string | null;
  medium: Medium;
  /** Address in the channel's own terms: an e-mail address, a phone number in E.164. */
  to: string;
  subject?: string;
  /** Plain text: the SMS, the spoken text, or the text part of an e-mail. */
  body: string;
  /** The HTML part of an e-mail. */
  html?: string;
  /**
   * Monity's public address, such as `https://monity.example`, for providers that call back
   * (delivery reports, the text a voice call reads); absent when Monity is not reachable.
   */
  publicUrl?: string;
  /** The tenant's channel account the message leaves through (its settings' id). */
  accountId?: string;
}

/**
 * What a channel knows after handing a message over. `unknown` means the provider may or may
 * not have accepted it (a timeout after sending): Monity then asks a person instead of retrying.
 */
export interface ChannelSendResult {
  providerMessageId?: string;
  status: 'sent' | 'queued' | 'unknown';
}

/**
 * A way to deliver messages through one provider: SMTP, Mailgun, Plivo, SMSAPI, the sandbox.
 * A company configures it once per account, with settings its `settingsSchema` describes.
 */
export interface Channel<Settings = Record<string, unknown>> {
  /** Unique among channels, lower case: `smtp`, `mailgun`, `plivo`, `smsapi`, `sandbox`. */
  name: string;
  /** The media it carries. */
  media: readonly Medium[];
  /**
   * JSON Schema (draft-07) of a company's settings for the channel; none for a channel with no
   * settings. A property marked `"writeOnly": true` is a secret: Monity stores it encrypted
   * and never shows it again.
   */
  settingsSchema?: Record<string, unknown>;
  /**
   * Hands one message to the provider, with the account's settings (decrypted). Rejects only
   * when the message was certainly not sent (refused, bad address); when the outcome cannot be
   * known, resolves with `unknown`.
   *
   * The outbox dispatcher retries a rejection with backoff, up to its limit of attempts,
   * because nothing was sent. A rejection no retry can mend (an address the provider will
   * never take, a suspended account) says so with `permanent: true` on the error, and the
   * message is refused at once:
   *
   * @example
   * ```ts
   * throw Object.assign(new MonityError('sms_refused', 'Not a mobile number', 502), {
   *   permanent: true,
   * });
   * ```
   */
  send(message: ChannelMessage, settings: Settings): Promise<ChannelSendResult>;
}

/** A delivery report a provider sent back, as a channel's callback route reads it. */
export interface DeliveryReport {
  messageId: string;
  status: 'delivered' | 'opened' | 'bounced' | 'failed';
  /** When the provider says it happened, ISO 8601. */
  at: string;
  /** The provider's own words: an SMTP reply, an error code. */
  detail?: string;
}

/**
 * What channels' callback routes may use of Monity, resolved from the container as
 * `deliveries`: the settings of the account a callback names (to check its signature), the
 * message a callback is about, a guard against replayed callbacks, and the record of a report.
 */
export interface Deliveries {
  /** The decrypted settings of a channel account, or `undefined` for no such account. */
  account(
    accountId: string,
  ): Promise<{ tenantId: string; channel: string; settings: Record<string, unknown> } | undefined>;
  /** A sent message by its id, or by the id its provider gave it. */
  message(lookup: { messageId: string } | { channel: string; providerMessageId: string }): Promise<
    | {
        messageId: string;
        tenantId: string;
        /** The account it left through; `null` for the sandbox. */
        accountId: string | null;
        medium: Medium;
        body: string;
      }
    | undefined
  >;
  /**
   * Remembers a callback's one-time token (Mailgun's token, Plivo's nonce) for `ttlSeconds`;
   * false when it was seen before, so a replayed callback is refused.
   */
  firstSeen(channel: string, token: string, ttlSeconds: number): Promise<boolean>;
  /** Records a report as an event on the message; the same report twice is recorded once. */
  record(report: DeliveryReport): Promise<void>;
}

/** A file handed to an importer. `open` may be called more than once: a dry run, then the run. */
export interface ImportFile {
  /** The name the user uploaded, e.g. `naleznosci.csv`; importers read its extension. */
  name: string;
  open(): Readable;
}

/** One data row of a file: its cells by column header, all as the text the file holds. */
export interface ImportedRow {
  /** Where the row starts in the file, 1-based, counting the header: for error reports. */
  line: number;
  cells: Record<string, string>;
}

/** What an importer found in a file: its columns, how it read them, and its rows as a stream. */
export interface ImportReading {
  headers: string[];
  /** How the file was read, for the user to check, e.g. `{ encoding: 'windows-1250' }`. */
  details: Record<string, string>;
  /** Read lazily, one row at a time: memory stays flat however large the file. */
  rows: AsyncIterable<ImportedRow>;
}

/**
 * Reads tabular files into rows of text cells. It knows the file format only: mapping columns
 * to customers and invoices, and reading amounts and dates, is Monity's part.
 */
export interface Importer {
  name: string;
  /** File extensions it reads, lower case without the dot, e.g. `['csv', 'txt']`. */
  formats: string[];
  /** Rejects with a plain message when the file cannot be read as this format at all. */
  read(file: ImportFile): Promise<ImportReading>;
}

/** Exchanges data with one external system, e.g. `'comarch-optima'` (first shape). */
export interface Connector {
  name: string;
  system: string;
}

/**
 * A read model contributed by a `read-models` plugin. Core keeps it as an opaque record: only
 * the projection runner, which lives on the read side, knows its full type.
 */
export interface ReadModel {
  name: string;
}

/** Hands one kind of contribution to the host. Names must be unique within the plugin. */
export interface Registrar<T> {
  register(item: T): void;
}

/** What every plugin receives, whatever its kind. */
export interface PluginContextBase<Config = Record<string, unknown>> {
  /** The package name, e.g. `@acme/monity-plugin-sms`. */
  name: string;
  version: string;
  /** The plugin's configuration, validated against its schema, with defaults applied. */
  config: Config;
  /** A child of the server's logger bound to `{ plugin: name }`. */
  logger: Logger;
  /**
   * A scope of the root container made for this plugin alone: it resolves the server's
   * services, and what the plugin registers here stays invisible to the root and to other
   * plugins. Register your own services under keys prefixed `<name>/`.
   */
  container: AwilixContainer;
  /** HTTP routes the plugin serves: its read models' queries, providers' callbacks. */
  routes: Registrar<RouteDefinition>;
  /** Work that runs once every plugin is registered, and stops at shutdown (last first). */
  lifecycle: Lifecycle;
}

export type LifecycleHook = () => Promise<void> | void;

export interface Lifecycle {
  onStart(hook: LifecycleHook): void;
  onStop(hook: LifecycleHook): void;
}

export interface ChannelPluginContext<
  Config = Record<string, unknown>,
> extends PluginContextBase<Config> {
  kind: 'channel';
  channels: Registrar<Channel>;
}

export interface ImporterPluginContext<
  Config = Record<string, unknown>,
> extends PluginContextBase<Config> {
  kind: 'importer';
  importers: Registrar<Importer>;
}

export interface ConnectorPluginContext<
  Config = Record<string, unknown>,
> extends PluginContextBase<Config> {
  kind: 'connector';
  connectors: Registrar<Connector>;
}

export interface ReadModelsPluginContext<
  Config = Record<string, unknown>,
> extends PluginContextBase<Config> {
  kind: 'read-models';
  readModels: Registrar<ReadModel>;
}

export type PluginContext<Config = Record<string, unknown>> =
  | ChannelPluginContext<Config>
  | ImporterPluginContext<Config>
  | ConnectorPluginContext<Config>
  | ReadModelsPluginContext<Config>;

/**
 * The function a plugin's entry module exports as `register`. The host awaits it once at start;
 * the registration ports close when it settles, so register everything before returning.
 */
export type PluginRegister<Context extends PluginContext = PluginContext> = (
  context: Context,
) => void | Promise<void>;
