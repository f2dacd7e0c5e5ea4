import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { v4 as uuidv4 } from 'uuid';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { toFieldErrors } from '../http/toFieldErrors.ts';
import type { Channel, Medium } from '../plugins/index.ts';
import type { SecretBox } from './secretBox.ts';

/** The channel that needs no account: every message of a company without one waits there. */
const SANDBOX = 'sandbox';

export interface AccountInput {
  channel: string;
  name: string;
  defaultFor?: Medium[];
  settings?: Record<string, unknown>;
}

interface AccountRow {
  id: string;
  tenant_id: string;
  channel: string;
  name: string;
  default_for: Medium[];
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

type Sealed = { sealed: string };
const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' && value !== null && 'sealed' in value;

/**
 * A company's accounts with its providers. Settings are checked against the channel's schema;
 * the properties it marks `writeOnly` are sealed before they reach the database and never
 * leave the server again: a view shows only that they are set.
 */
export class ChannelAccounts {
  private readonly ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly box: SecretBox,
    private readonly channels: ReadonlyMap<string, Channel>,
  ) {
    addFormats.default(this.ajv);
  }

  /** The installed channels, by name. */
  installed(): Channel[] {
    return [...this.channels.values()];
  }

  channel(name: string): Channel | undefined {
    return this.installed().find((c) => c.name === name);
  }

  async list(tx: TenantTransaction) {
    const { rows } = await tx.query<AccountRow>(
      'SELECT * FROM channel_accounts ORDER BY lower(name), id',
    );
    return rows.map((row) => this.view(row));
  }

  async create(tx: TenantTransaction, tenantId: string, input: AccountInput) {
    const channel = this.known(input.channel);
    const settings = this.checked(channel, input.settings ?? {});
    const media = this.defaults(channel, input.defaultFor ?? []);
    const id = uuidv4();
    await this.clearDefaults(tx, media);
    const { rows } = await tx.query<AccountRow>(
      `INSERT INTO channel_accounts (id, tenant_id, channel, name, default_for, settings,
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now(), now())
       ON CONFLICT (tenant_id, name) DO NOTHING RETURNING *`,
      [id, tenantId, channel.name, input.name.trim(), media, this.seal(channel, settings)],
    );
    if (!rows[0]) throw new ConflictError('name_taken', `An account "${input.name}" exists`);
    return this.view(rows[0]);
  }

  /** Changes an account; a secret left out keeps its value, a secret given replaces it. */
  async change(tx: TenantTransaction, id: string, input: Partial<AccountInput>) {
    const row = await this.row(tx, id);
    const channel = this.known(row.channel);
    const settings = this.checked(channel, {
      ...this.unseal(channel, row.settings),
      ...(input.settings ?? {}),
    });
    const media = input.defaultFor ? this.defaults(channel, input.defaultFor) : row.default_for;
    if (input.defaultFor) await this.clearDefaults(tx, media, id);
    const { rows } = await tx.query<AccountRow>(
      `UPDATE channel_accounts SET name = $2, default_for = $3, settings = $4, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, (input.name ?? row.name).trim(), media, this.seal(channel, settings)],
    );
    return this.view(rows[0]!);
  }

  async remove(tx: TenantTransaction, id: string) {
    const { rowCount } = await tx.query('DELETE FROM channel_accounts WHERE id = $1', [id]);
    if (!rowCount) throw new NotFoundError('No such channel account');
  }

  /**
   * The channel and decrypted settings a message leaves with: the account named, else the
   * company's default account for the medium, else the sandbox.
   */
  async forSending(tx: TenantTransaction, medium: Medium, accountId?: string) {
    const { rows } = accountId
      ? await tx.query<AccountRow>('SELECT * FROM channel_accounts WHERE id = $1', [accountId])
      : await tx.query<AccountRow>(
          'SELECT * FROM channel_accounts WHERE $1 = ANY(default_for) LIMIT 1',
          [medium],
        );
    const row = rows[0];
    if (accountId && !row) throw new NotFoundError('No such channel account');
    if (!row) return { accountId: null, channel: this.known(SANDBOX), settings: {} };
    const channel = this.known(row.channel);
    if (!channel.media.includes(medium)) {
      throw new ValidationError(`The ${channel.name} channel carries no ${medium}`, [
        { pointer: '/body/medium', message: `is not one of ${channel.media.join(', ')}` },
      ]);
    }
    return { accountId: row.id, channel, settings: this.unseal(channel, row.settings) };
  }

  /** An account's decrypted settings, read as the owner: for providers' callbacks. */
  unsealRow(row: { channel: string; settings: Record<string, unknown> }) {
    return this.unseal(this.known(row.channel), row.settings);
  }

  private async row(tx: TenantTransaction, id: string) {
    const { rows } = await tx.query<AccountRow>('SELECT * FROM channel_accounts WHERE id = $1', [
      id,
    ]);
    if (!rows[0]) throw new NotFoundError('No such channel account');
    return rows[0];
  }

  private known(name: string): Channel {
    const channel = this.channel(name);
    if (!channel) {
      throw new ValidationError(`No channel "${name}" is installed`, [
        {
          pointer: '/body/channel',
          message: `is not one of ${this.installed()
            .map((c) => c.name)
            .join(', ')}`,
        },
      ]);
    }
    return channel;
  }

  private defaults(channel: Channel, media: Medium[]) {
    const wrong = media.filter((m) => !channel.media.includes(m));
    if (wrong.length > 0) {
      throw new ValidationError(`The ${channel.name} channel carries no ${wrong.join(', ')}`, [
        { pointer: '/body/defaultFor', message: `may hold only ${channel.media.join(', ')}` },
      ]);
    }
    return [...new Set(media)];
  }

  /** One default account per medium: naming a new one takes the medium from the old. */
  private async clearDefaults(tx: TenantTransaction, media: Medium[], except?: string) {
    if (media.length === 0) return;
    await tx.query(
      `UPDATE channel_accounts SET default_for = array(
         SELECT m FROM unnest(default_for) m WHERE NOT m = ANY($1::text[])), updated_at = now()
       WHERE default_for && $1::text[] AND id IS DISTINCT FROM $2::uuid`,
      [media, except ?? null],
    );
  }

  private checked(channel: Channel, settings: Record<string, unknown>) {
    if (!channel.settingsSchema) return {};
    let validate = this.validators.get(channel.name);
    if (!validate) {
      validate = this.ajv.compile(channel.settingsSchema);
      this.validators.set(channel.name, validate);
    }
    const copy = structuredClone(settings);
    if (!validate(copy)) {
      throw new ValidationError(
        `The settings of the ${channel.name} channel are not valid`,
        toFieldErrors('body/settings', validate.errors ?? []),
      );
    }
    return copy;
  }

  private secrets(channel: Channel): string[] {
    const properties = (channel.settingsSchema?.properties ?? {}) as Record<
      string,
      { writeOnly?: boolean }
    >;
    return Object.entries(properties)
      .filter(([, schema]) => schema.writeOnly === true)
      .map(([name]) => name);
  }

  private seal(channel: Channel, settings: Record<string, unknown>) {
    const stored = { ...settings };
    for (const name of this.secrets(channel)) {
      if (typeof stored[name] === 'string') stored[name] = { sealed: this.box.seal(stored[name]) };
    }
    return stored;
  }

  private unseal(channel: Channel, stored: Record<string, unknown>) {
    const settings = { ...stored };
    for (const name of this.secrets(channel)) {
      const value = settings[name];
      if (isSealed(value)) settings[name] = this.box.unseal(value.sealed);
    }
    return settings;
  }

  private view(row: AccountRow) {
    const channel = this.channel(row.channel);
    const secrets = new Set(channel ? this.secrets(channel) : []);
    const settings = Object.fromEntries(
      Object.entries(row.settings).map(([name, value]) =>
        secrets.has(name) || isSealed(value) ? [name, { set: true }] : [name, value],
      ),
    );
    return {
      id: row.id,
      channel: row.channel,
      name: row.name,
      defaultFor: row.default_for,
      settings,
      installed: channel !== undefined,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
