import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { eventOf } from '../access/commandContext.ts';
import type { Clock } from '../clock.ts';
import { ConcurrencyError, type EventStore } from '../eventStore/index.ts';
import { messageStream, REPORT_EVENTS } from '../messages/messageEvents.ts';
import type { Deliveries, DeliveryReport, Medium } from '../plugins/index.ts';
import type { ChannelAccounts } from './channelAccounts.ts';

/**
 * What providers' callbacks may use of Monity (the `Deliveries` contract). Callbacks name no
 * company and carry no session, so this reads as the owner, by ids the callback carries, and
 * records reports as the system on the message's stream.
 */
export class ServerDeliveries implements Deliveries {
  constructor(
    private readonly deps: {
      pool: pg.Pool;
      eventStore: EventStore;
      accounts: ChannelAccounts;
      clock: Clock;
    },
  ) {}

  async account(accountId: string) {
    const { rows } = await this.deps.pool.query<{
      tenant_id: string;
      channel: string;
      settings: Record<string, unknown>;
    }>('SELECT tenant_id, channel, settings FROM channel_accounts WHERE id = $1', [accountId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      tenantId: row.tenant_id,
      channel: row.channel,
      settings: this.deps.accounts.unsealRow(row),
    };
  }

  async message(lookup: { messageId: string } | { channel: string; providerMessageId: string }) {
    const byId = 'messageId' in lookup;
    const { rows } = await this.deps.pool.query<{
      message_id: string;
      tenant_id: string;
      data: { medium: Medium; text: string; accountId: string | null };
    }>(
      `SELECT x.message_id, x.tenant_id, e.data FROM message_index x
       JOIN events e ON e.tenant_id = x.tenant_id AND e.stream_id = 'message-' || x.message_id
         AND e.type = 'MessageQueued'
       WHERE ${byId ? 'x.message_id = $1' : 'x.channel = $1 AND x.provider_message_id = $2'}`,
      byId ? [lookup.messageId] : [lookup.channel, lookup.providerMessageId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      messageId: row.message_id,
      tenantId: row.tenant_id,
      accountId: row.data.accountId ?? null,
      medium: row.data.medium,
      body: row.data.text,
    };
  }

  async firstSeen(channel: string, token: string, ttlSeconds: number) {
    await this.deps.pool.query('DELETE FROM callback_tokens WHERE expires_at < now()');
    const { rowCount } = await this.deps.pool.query(
      `INSERT INTO callback_tokens (channel, token, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) ON CONFLICT DO NOTHING`,
      [channel, token, ttlSeconds],
    );
    return rowCount === 1;
  }

  async record(report: DeliveryReport) {
    const found = await this.deps.pool.query<{ tenant_id: string; channel: string }>(
      'SELECT tenant_id, channel FROM message_index WHERE message_id = $1',
      [report.messageId],
    );
    const message = found.rows[0];
    if (!message) return;
    const stream = { tenantId: message.tenant_id, streamId: messageStream(report.messageId) };
    const type = REPORT_EVENTS[report.status];
    const command = {
      actor: { kind: 'system' as const, id: `channel:${message.channel}` },
      requestId: uuidv7(),
      ip: '',
      clock: this.deps.clock,
    };
    // Read, check the report is new, append expecting what was read: a report racing the same
    // one from a retried callback finds it on the second read.
    for (let attempt = 1; ; attempt += 1) {
      const history = await this.deps.eventStore.readStream(stream);
      const again = history.some(
        (e) => e.type === type && (e.data as { at?: string }).at === report.at,
      );
      if (again) return;
      try {
        await this.deps.eventStore.append(
          stream,
          [
            eventOf(command, message.tenant_id, type, {
              messageId: report.messageId,
              at: report.at,
              ...(report.detail ? { detail: report.detail.slice(0, 2000) } : {}),
            }),
          ],
          { expectedVersion: history.length },
        );
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt === 3) throw error;
      }
    }
  }
}
