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
import { ConcurrencyError } from '../eventStore/index.ts';
import { messageStream } from '../messages/messageEvents.ts';
import {
  channelMessageOf,
  reasonOf,
  recordOutcomes,
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

/** Due rows locked by an open transaction of their own, until `end` commits or rolls it back. */
interface Claim {
  client: pg.PoolClient;
  rows: Claimed[];
  /** Ends the claim's transaction and gives its connection back; a second call does nothing. */
  end(command: 'COMMIT' | 'ROLLBACK'): Promise<void>;
}

interface Prepared {
  message: ChannelMessage;
  channel: Channel;
  settings: Record<string, unknown>;
}

/** A hand-over's result as the dispatcher weighs it. */
type Outcome = SendOutcome & { permanent?: boolean };

/** A row marked in flight, with the attempt its outcome is fenced by. */
interface Marked extends Claimed {
  attempts: number;
  attempt_id: string;
}

interface Attempted {
  row: Marked;
  outcome: Outcome;
}

type Route = Awaited<ReturnType<ChannelAccounts['forSending']>>;

const LOST =
  'The dispatcher stopped between marking the message in flight and recording its outcome: ' +
  'the provider may or may not have it.';

/**
 * Delivers the outbox: claims due messages (SKIP LOCKED, so processes share them), commits each
 * one's in-flight mark before its channel is called (the claim is a row lock, the mark its one
 * write: docs/decisions/2026-12-04-outbox-claim-is-a-lock.md), and records the outcome with the
 * row's new state in one transaction. A mark found with its lease expired means a process died
 * or stalled mid-hand-over: the message is never sent again by itself but recorded as "outcome
 * unknown" (docs/decisions/2026-12-04-outbox-in-flight-mark-first.md).
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
    await Promise.all(Array.from({ length: LANES }, () => this.lane()));
  }

  /** Claims and dispatches batches one after another until none is due. */
  private async lane(): Promise<void> {
    while (!this.stopped) {
      const claim = await this.claim();
      if (claim.rows.length === 0) return claim.end('ROLLBACK');
      try {
        await this.dispatchBatch(claim);
      } catch (err) {
        // Rows not yet marked went back with the claim's rollback; those marked in flight are
        // recorded as "outcome unknown" once their lease ends. The next poll tries again.
        this.log.error({ err, messages: claim.rows.length }, 'dispatch failed');
        return;
      }
    }
  }

  /**
   * Locks a batch of due rows (SKIP LOCKED, so processes share them) in a transaction that is
   * held while the batch is prepared and ends with its in-flight mark: taking and marking the
   * rows is one write. A process that dies before the mark loses its locks with its connection,
   * and the rows, untouched, are there for the next claim at once.
   */
  private async claim(): Promise<Claim> {
    const client = await this.deps.pgPool.connect();
    let ended = false;
    const end = async (command: 'COMMIT' | 'ROLLBACK') => {
      if (ended) return;
      ended = true;
      try {
        await client.query(command);
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    };
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<Claimed>(
        `SELECT message_id, tenant_id FROM outbox
         WHERE state = 'waiting' AND not_before <= now()
           AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY not_before FOR UPDATE SKIP LOCKED LIMIT $1`,
        [this.deps.options.concurrency],
      );
      return { client, rows, end };
    } catch (error) {
      ended = true;
      client.release(error as Error);
      throw error;
    }
  }

  /** Rows left in flight past their lease: their hand-over's outcome cannot be known. */
  private async markLost(): Promise<void> {
    const { rows } = await this.deps.pgPool.query<Claimed>(
      `SELECT message_id, tenant_id FROM outbox
       WHERE state = 'in_flight' AND claimed_until < now() ORDER BY claimed_until LIMIT 100`,
    );
    for (const row of rows) {
      await this.inTenant(row.tenant_id, async (tx, command) => {
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

  /**
   * One claimed batch: every message read and routed, the whole batch marked in flight in one
   * statement and committed, handed over side by side, and the outcomes recorded together.
   */
  private async dispatchBatch(claim: Claim): Promise<void> {
    let marked: Marked[];
    let prepared: Map<string, Prepared | { refusal: unknown }>;
    try {
      prepared = await this.prepare(claim.rows);
      claim.rows.forEach(() => this.deps.crash?.('before-mark'));
      if (this.stopped) return await claim.end('ROLLBACK');
      marked = await this.markInFlight(claim);
      await claim.end('COMMIT');
    } finally {
      await claim.end('ROLLBACK');
    }
    const outcomes = await Promise.all(
      marked.map(async (row): Promise<Attempted> => {
        const ready = prepared.get(row.message_id)!;
        if ('refusal' in ready) {
          return { row, outcome: { ...refused(row, ready.refusal), permanent: true } };
        }
        this.deps.crash?.('before-call');
        const outcome = await this.handOver(row, ready);
        this.deps.crash?.('after-call');
        return { row, outcome };
      }),
    );
    for (const [tenantId, attempted] of byTenant(outcomes, (a) => a.row.tenant_id)) {
      await this.record(tenantId, attempted);
    }
  }

  /** The messages as queued, and the channel and settings of the accounts they were queued for. */
  private async prepare(batch: Claimed[]): Promise<Map<string, Prepared | { refusal: unknown }>> {
    const prepared = new Map<string, Prepared | { refusal: unknown }>();
    for (const [tenantId, rows] of byTenant(batch, (row) => row.tenant_id)) {
      await this.inTenant(tenantId, async (tx) => {
        const { rows: queued } = await tx.query<{
          message_id: string;
          data: QueuedContent & { channel: string; accountId: string | null };
        }>(
          `SELECT data->>'messageId' AS message_id, data FROM events
           WHERE tenant_id = $1 AND stream_id = ANY ($2::text[]) AND type = 'MessageQueued'`,
          [tenantId, rows.map((row) => messageStream(row.message_id))],
        );
        const routes = new Map<string, Promise<Route>>();
        for (const { message_id: id, data } of queued) {
          // The account named when the message was queued, or the sandbox it was queued for: a
          // default account set up since does not change where an earlier message goes.
          const key = `${data.medium}/${data.accountId ?? data.channel}`;
          if (!routes.has(key)) routes.set(key, this.route(tx, data));
          try {
            const route = await routes.get(key)!;
            const { publicUrl } = this.deps;
            prepared.set(id, {
              message: channelMessageOf(id, tenantId, data, route.accountId, publicUrl),
              channel: route.channel,
              settings: route.settings,
            });
          } catch (error) {
            // The account was removed, or its channel uninstalled: no attempt can ever succeed.
            if (error instanceof MonityError && error.status < 500) {
              prepared.set(id, { refusal: error });
            } else throw error;
          }
        }
      });
    }
    return prepared;
  }

  private route(
    tx: TenantTransaction,
    queued: { medium: QueuedContent['medium']; channel: string; accountId: string | null },
  ): Promise<Route> {
    if (queued.accountId) return this.deps.accounts.forSending(tx, queued.medium, queued.accountId);
    return Promise.resolve({
      accountId: null,
      channel: this.channelNamed(queued.channel),
      settings: {},
    });
  }

  private channelNamed(name: string): Channel {
    const channel = this.deps.accounts.channel(name);
    if (!channel) throw new NotFoundError(`No channel "${name}" is installed`);
    return channel;
  }

  /**
   * Marks the claimed rows in flight, each with a fresh attempt id, in the claim's transaction:
   * once it commits, a process that dies leaves them for "outcome unknown", never for a second
   * hand-over.
   */
  private async markInFlight(claim: Claim): Promise<Marked[]> {
    const { rows } = await claim.client.query<Marked>(
      `UPDATE outbox o SET state = 'in_flight', attempts = o.attempts + 1,
         attempt_id = gen_random_uuid(), claimed_by = $2,
         claimed_until = now() + make_interval(secs => $3), updated_at = now()
       WHERE o.message_id = ANY ($1::uuid[]) AND o.state = 'waiting'
       RETURNING o.message_id, o.tenant_id, o.attempts, o.attempt_id`,
      [claim.rows.map((row) => row.message_id), this.id, this.deps.options.leaseSeconds],
    );
    return rows;
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
   * The outcomes of one company's hand-overs and their rows' next states, in one transaction,
   * each fenced by its attempt's id: a process whose lease ran out records nothing over a
   * person's later decision. A provider's callback appending to a message meanwhile makes the
   * transaction conflict; it is then written again.
   */
  private async record(tenantId: string, attempted: Attempted[]): Promise<void> {
    for (let round = 1; ; round++) {
      try {
        return await this.inTenant(tenantId, (tx, command) =>
          this.recordWithin(tx, command, tenantId, attempted),
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || round >= RECORD_ROUNDS) throw error;
      }
    }
  }

  private async recordWithin(
    tx: TenantTransaction,
    command: CommandContext,
    tenantId: string,
    attempted: Attempted[],
  ) {
    const { maxAttempts } = this.deps.options;
    const { rows } = await tx.query<{ message_id: string; state: string; outcome: string | null }>(
      `SELECT o.message_id, o.state, o.outcome FROM outbox o
       JOIN unnest($1::uuid[], $2::uuid[]) AS a (id, attempt_id)
         ON o.message_id = a.id AND o.attempt_id = a.attempt_id
       ORDER BY o.message_id FOR UPDATE OF o`,
      [attempted.map((a) => a.row.message_id), attempted.map((a) => a.row.attempt_id)],
    );
    const current = new Map(rows.map((row) => [row.message_id, row]));
    const retries: Attempted[] = [];
    const final: Attempted[] = [];
    for (const item of attempted) {
      const { row, outcome } = item;
      const log = this.log.child({ messageId: row.message_id, attempt: row.attempts });
      const now = current.get(row.message_id);
      if (!now || now.state === 'waiting' || now.outcome === 'resolved') {
        log.error({ outcome }, 'dispatch outcome arrived after a person decided');
        continue;
      }
      if (now.state === 'done') log.warn('dispatch outcome arrived after its lease ran out');
      const retry =
        outcome.status === 'refused' && !outcome.permanent && row.attempts < maxAttempts;
      (retry ? retries : final).push(item);
      if (retry)
        log.info({ reason: reasonOfOutcome(outcome) }, 'dispatch refused, retry scheduled');
      else if (outcome.status !== 'sent' && outcome.status !== 'queued') {
        log.warn({ outcome: outcome.status }, 'dispatch recorded');
      }
    }
    for (const item of retries) await this.scheduleRetry(tx, command, item);
    if (final.length > 0) {
      await recordOutcomes(
        tx,
        command,
        tenantId,
        final.map(({ row, outcome }) => ({ outcome, attempt: row.attempts })),
      );
      await tx.query(
        `UPDATE outbox o SET state = 'done', outcome = f.outcome, claimed_until = NULL,
           last_error = f.error, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS f (id, outcome, error)
         WHERE o.message_id = f.id`,
        [
          final.map((f) => f.row.message_id),
          final.map(({ outcome }) =>
            outcome.status === 'refused' || outcome.status === 'unknown' ? outcome.status : 'sent',
          ),
          final.map(({ outcome }) => (outcome.status === 'refused' ? outcome.reason : null)),
        ],
      );
    }
    attempted.forEach(() => this.deps.crash?.('before-commit'));
  }

  private async scheduleRetry(tx: TenantTransaction, command: CommandContext, item: Attempted) {
    const { row, outcome } = item;
    const reason = reasonOfOutcome(outcome);
    const { retryBaseMs: baseMs, retryCapMs: capMs } = this.deps.options;
    const retryAt = new Date(
      command.clock.now().getTime() + retryDelayMs(row.attempts, { baseMs, capMs }),
    );
    const data = {
      messageId: row.message_id,
      attempt: row.attempts,
      reason,
      retryAt: retryAt.toISOString(),
    };
    const event = eventOf(command, row.tenant_id, 'MessageRetryScheduled', data);
    await tx.append(messageStream(row.message_id), [event], 'stream_exists');
    await tx.query(
      `UPDATE outbox SET state = 'waiting', outcome = NULL, not_before = $2, claimed_by = NULL,
         claimed_until = NULL, last_error = $3, updated_at = now() WHERE message_id = $1`,
      [row.message_id, retryAt, reason],
    );
  }

  private inTenant<T>(
    tenantId: string,
    work: (tx: TenantTransaction, command: CommandContext) => Promise<T>,
  ): Promise<T> {
    const command: CommandContext = {
      actor: { kind: 'system', id: 'dispatcher' },
      requestId: uuidv7(),
      ip: '',
      clock: this.deps.clock,
    };
    return this.deps.tenantDb.transaction({ tenantId }, (tx) => work(tx, command));
  }
}

/**
 * Batches a dispatcher works on at once: while one batch waits on the database (its commits,
 * the record of its outcomes), the next is claimed, read and marked. A process that dies may
 * leave this many batches "outcome unknown".
 */
const LANES = 2;

/** Times one company's outcomes are written before a conflict with callbacks is given up. */
const RECORD_ROUNDS = 5;

function byTenant<T>(items: T[], tenantOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const tenantId = tenantOf(item);
    const group = groups.get(tenantId);
    if (group) group.push(item);
    else groups.set(tenantId, [item]);
  }
  return groups;
}

function reasonOfOutcome(outcome: Outcome): string {
  return outcome.status === 'refused' ? outcome.reason : '';
}

function refused(row: Claimed, error: unknown): SendOutcome {
  return { messageId: row.message_id, status: 'refused', reason: reasonOf(error) };
}

/** A channel marks a refusal no retry can mend (see `Channel.send` in pluginContract.ts). */
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'permanent') === true;
}
