import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { eventOf, type CommandContext } from '../access/commandContext.ts';
import type { ChannelAccounts } from '../channels/channelAccounts.ts';
import type { Clock } from '../clock.ts';
import type { TenantDatabase, TenantTransaction } from '../database/tenantDatabase.ts';
import { MonityError, NotFoundError } from '../errors.ts';
import { messageStream } from '../messages/messageEvents.ts';
import {
  channelMessageOf,
  reasonOf,
  recordOutcome,
  type QueuedContent,
  type SendOutcome,
} from '../messages/messageRecords.ts';
import type { Channel, ChannelMessage } from '../plugins/index.ts';
import { retryDelayMs } from './backoff.ts';
import type { CrashHook } from './crashPoint.ts';

export interface DispatchOptions {
  /** Hand-overs at once, and rows claimed per batch. */
  concurrency: number;
  /** How long a claimed or in-flight row stays with its process; longer than any channel call. */
  leaseSeconds: number;
  /** Hand-overs of one message before a refusal is final. */
  maxAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
  pollMs: number;
}

interface Claimed {
  message_id: string;
  tenant_id: string;
}

interface Prepared {
  message: ChannelMessage;
  channel: Channel;
  settings: Record<string, unknown>;
}

/** A hand-over's result as the dispatcher weighs it. */
type Outcome = SendOutcome & { permanent?: boolean };

const LOST =
  'The dispatcher stopped between marking the message in flight and recording its outcome: ' +
  'the provider may or may not have it.';

/**
 * Delivers the outbox: claims due messages (SKIP LOCKED, so processes share them), commits each
 * one's in-flight mark before its channel is called, and records the outcome with the row's new
 * state in one transaction. A mark found with its lease expired means a process died or stalled
 * mid-hand-over: the message is never sent again by itself but recorded as "outcome unknown"
 * (docs/decisions/2026-12-04-outbox-in-flight-mark-first.md).
 */
export class Dispatcher {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      pgPool: pg.Pool;
      tenantDb: TenantDatabase;
      accounts: ChannelAccounts;
      clock: Clock;
      logger: Logger;
      publicUrl: string | undefined;
      options: DispatchOptions;
      crash?: CrashHook | undefined;
    },
  ) {
    this.log = deps.logger.child({ component: 'dispatcher', dispatcher: this.id });
  }

  start(): void {
    this.stopped = false;
    this.log.info({ ...this.deps.options, testCrash: !!this.deps.crash }, 'dispatcher started');
    this.wake();
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((err: unknown) => this.log.error({ err }, 'dispatch pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const delay = this.again ? 0 : this.deps.options.pollMs;
        this.again = false;
        this.timer = setTimeout(() => this.wake(), delay);
      });
  }

  /** Stops claiming; hand-overs already marked in flight finish and are recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.log.info('dispatcher stopped');
  }

  private async drain(): Promise<void> {
    await this.markLost();
    for (let batch = await this.claim(); batch.length > 0; batch = await this.claim()) {
      // Settled, not all: one failure must not leave the batch's other hand-overs unawaited.
      const results = await Promise.allSettled(batch.map((row) => this.dispatch(row)));
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') continue;
        const { message_id: messageId } = batch[i]!;
        this.log.error({ err: result.reason, messageId }, 'dispatch failed');
      }
      if (this.stopped) return;
    }
  }

  private async claim(): Promise<Claimed[]> {
    if (this.stopped) return [];
    const { rows } = await this.deps.pgPool.query<Claimed>(
      `UPDATE outbox o SET claimed_by = $1, claimed_until = now() + make_interval(secs => $2),
         updated_at = now()
       FROM (SELECT message_id FROM outbox
         WHERE state = 'waiting' AND not_before <= now()
           AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY not_before FOR UPDATE SKIP LOCKED LIMIT $3) due
       WHERE o.message_id = due.message_id
       RETURNING o.message_id, o.tenant_id`,
      [this.id, this.deps.options.leaseSeconds, this.deps.options.concurrency],
    );
    return rows;
  }

  /** Rows left in flight past their lease: their hand-over's outcome cannot be known. */
  private async markLost(): Promise<void> {
    const { rows } = await this.deps.pgPool.query<Claimed>(
      `SELECT message_id, tenant_id FROM outbox
       WHERE state = 'in_flight' AND claimed_until < now() ORDER BY claimed_until LIMIT 100`,
    );
    for (const row of rows) {
      await this.inTenant(row, async (tx, command) => {
        const { rows: locked } = await tx.query<{ attempts: number }>(
          `SELECT attempts FROM outbox WHERE message_id = $1 AND state = 'in_flight'
             AND claimed_until < now() FOR UPDATE SKIP LOCKED`,
          [row.message_id],
        );
        if (!locked[0]) return;
        const attempt = locked[0].attempts;
        const data = { messageId: row.message_id, attempt, reason: LOST };
        const event = eventOf(command, row.tenant_id, 'MessageOutcomeUnknown', data);
        await tx.append(messageStream(row.message_id), [event], 'stream_exists');
        await tx.query(
          `UPDATE outbox SET state = 'done', outcome = 'unknown', claimed_until = NULL,
             last_error = $2, updated_at = now() WHERE message_id = $1`,
          [row.message_id, LOST],
        );
        this.log.warn({ messageId: row.message_id, attempt }, 'dispatch outcome unknown');
      });
    }
  }

  private async dispatch(row: Claimed): Promise<void> {
    const prepared = await this.prepare(row);
    this.deps.crash?.('before-mark');
    if (this.stopped) return this.release(row);

    const attemptId = randomUUID();
    const attempt = await this.markInFlight(row, attemptId);
    if (attempt === undefined) return; // the claim expired and another process took the row
    let outcome: Outcome;
    if ('refusal' in prepared) {
      outcome = { ...refused(row, prepared.refusal), permanent: true };
    } else {
      this.deps.crash?.('before-call');
      outcome = await this.handOver(row, prepared);
      this.deps.crash?.('after-call');
    }
    await this.record(row, attemptId, attempt, outcome);
  }

  /** The message as queued, and the channel and settings of the account it was queued for. */
  private async prepare(row: Claimed): Promise<Prepared | { refusal: unknown }> {
    return this.inTenant(row, async (tx) => {
      const { rows } = await tx.query<{
        data: QueuedContent & { channel: string; accountId: string | null };
      }>(
        `SELECT data FROM events WHERE tenant_id = $1 AND stream_id = $2
           AND type = 'MessageQueued'`,
        [row.tenant_id, messageStream(row.message_id)],
      );
      const queued = rows[0]!.data;
      try {
        // The account named when the message was queued, or the sandbox it was queued for: a
        // default account set up since does not change where an earlier message goes.
        const route = queued.accountId
          ? await this.deps.accounts.forSending(tx, queued.medium, queued.accountId)
          : { accountId: null, channel: this.channelNamed(queued.channel), settings: {} };
        const { tenant_id: tenantId, message_id: id } = row;
        const { publicUrl } = this.deps;
        return {
          message: channelMessageOf(id, tenantId, queued, route.accountId, publicUrl),
          channel: route.channel,
          settings: route.settings,
        };
      } catch (error) {
        // The account was removed, or its channel uninstalled: no attempt can ever succeed.
        if (error instanceof MonityError && error.status < 500) return { refusal: error };
        throw error;
      }
    });
  }

  private channelNamed(name: string): Channel {
    const channel = this.deps.accounts.channel(name);
    if (!channel) throw new NotFoundError(`No channel "${name}" is installed`);
    return channel;
  }

  private async markInFlight(row: Claimed, attemptId: string): Promise<number | undefined> {
    const { rows } = await this.deps.pgPool.query<{ attempts: number }>(
      `UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, attempt_id = $3,
         claimed_until = now() + make_interval(secs => $4), updated_at = now()
       WHERE message_id = $1 AND claimed_by = $2 AND state = 'waiting' RETURNING attempts`,
      [row.message_id, this.id, attemptId, this.deps.options.leaseSeconds],
    );
    return rows[0]?.attempts;
  }

  private async handOver(row: Claimed, prepared: Prepared): Promise<Outcome> {
    try {
      const result = await prepared.channel.send(prepared.message, prepared.settings);
      return { messageId: row.message_id, ...result };
    } catch (error) {
      return { ...refused(row, error), permanent: isPermanent(error) };
    }
  }

  /**
   * The outcome and the row's next state, in one transaction, fenced by the attempt's id: a
   * process whose lease ran out records nothing over a person's later decision.
   */
  private async record(row: Claimed, attemptId: string, attempt: number, outcome: Outcome) {
    const { maxAttempts } = this.deps.options;
    const log = this.log.child({ messageId: row.message_id, attempt });
    await this.inTenant(row, async (tx, command) => {
      const { rows } = await tx.query<{ state: string; outcome: string | null }>(
        'SELECT state, outcome FROM outbox WHERE message_id = $1 AND attempt_id = $2 FOR UPDATE',
        [row.message_id, attemptId],
      );
      const current = rows[0];
      if (!current || current.state === 'waiting' || current.outcome === 'resolved') {
        return log.error({ outcome }, 'dispatch outcome arrived after a person decided');
      }
      if (current.state === 'done') log.warn('dispatch outcome arrived after its lease ran out');

      if (outcome.status === 'refused' && !outcome.permanent && attempt < maxAttempts) {
        await this.scheduleRetry(tx, command, row, attempt, outcome.reason);
        log.info({ reason: outcome.reason }, 'dispatch refused, retry scheduled');
      } else {
        await recordOutcome(tx, command, row.tenant_id, outcome, attempt);
        const kept =
          outcome.status === 'refused' || outcome.status === 'unknown' ? outcome.status : 'sent';
        await tx.query(
          `UPDATE outbox SET state = 'done', outcome = $2, claimed_until = NULL, last_error = $3,
             updated_at = now() WHERE message_id = $1`,
          [row.message_id, kept, outcome.status === 'refused' ? outcome.reason : null],
        );
        log[outcome.status === 'sent' || outcome.status === 'queued' ? 'debug' : 'warn'](
          { outcome: outcome.status },
          'dispatch recorded',
        );
      }
      this.deps.crash?.('before-commit');
    });
  }

  private async scheduleRetry(
    tx: TenantTransaction,
    command: CommandContext,
    row: Claimed,
    attempt: number,
    reason: string,
  ) {
    const { retryBaseMs: baseMs, retryCapMs: capMs } = this.deps.options;
    const retryAt = new Date(
      command.clock.now().getTime() + retryDelayMs(attempt, { baseMs, capMs }),
    );
    const data = { messageId: row.message_id, attempt, reason, retryAt: retryAt.toISOString() };
    const event = eventOf(command, row.tenant_id, 'MessageRetryScheduled', data);
    await tx.append(messageStream(row.message_id), [event], 'stream_exists');
    await tx.query(
      `UPDATE outbox SET state = 'waiting', outcome = NULL, not_before = $2, claimed_by = NULL,
         claimed_until = NULL, last_error = $3, updated_at = now() WHERE message_id = $1`,
      [row.message_id, retryAt, reason],
    );
  }

  /** Gives a claimed row back at shutdown, for the next process to take at once. */
  private async release(row: Claimed) {
    await this.deps.pgPool.query(
      `UPDATE outbox SET claimed_by = NULL, claimed_until = NULL
       WHERE message_id = $1 AND claimed_by = $2 AND state = 'waiting'`,
      [row.message_id, this.id],
    );
  }

  private inTenant<T>(
    row: Claimed,
    work: (tx: TenantTransaction, command: CommandContext) => Promise<T>,
  ): Promise<T> {
    const command: CommandContext = {
      actor: { kind: 'system', id: 'dispatcher' },
      requestId: uuidv7(),
      ip: '',
      clock: this.deps.clock,
    };
    return this.deps.tenantDb.transaction({ tenantId: row.tenant_id }, (tx) => work(tx, command));
  }
}

function refused(row: Claimed, error: unknown): SendOutcome {
  return { messageId: row.message_id, status: 'refused', reason: reasonOf(error) };
}

/** A channel marks a refusal no retry can mend (see `Channel.send` in pluginContract.ts). */
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'permanent') === true;
}
