import pg from 'pg';
import type { Logger } from 'pino';

const EVENTS_CHANNEL = 'monity_events';
const RECONNECT_DELAY_MS = 1000;
/** Commits within this window share one notification; it bounds the NOTIFY rate too. */
export const NOTIFY_WINDOW_MS = 10;

/**
 * Tells subscribers, in this process and in others, that events were committed.
 *
 * The NOTIFY is sent after the append's commit, not inside it: PostgreSQL serialises the
 * commits of notifying transactions on one lock held across the WAL flush, which would stop
 * concurrent appends from sharing a flush. A NOTIFY is a transaction of its own, so the commits
 * of a window share one: at most one is sent per window, however many appends commit. A
 * notification lost in a crash only delays subscribers until their next poll.
 */
export class CommitSignal {
  private waiters = new Set<() => void>();
  private listener: pg.Client | undefined;
  private pending = false;
  private notifying: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  /** Resolves on the next commit signal, after `timeoutMs`, or when `signal` aborts. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }

  /** Called after every committed append. */
  committed(): void {
    this.wakeLocal();
    this.pending = true;
    if (!this.timer && !this.notifying && !this.closed) this.scheduleNotify();
  }

  async listen(): Promise<void> {
    if (this.closed || this.listener) return;
    const client = new pg.Client(this.pool.options);
    client.on('notification', () => this.wakeLocal());
    client.on('error', (error) => this.reconnect(client, error));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.reconnect(client, error);
    }
  }

  /** Sends the notification still owed for the last commits, then stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.notifying;
    if (this.pending) await this.notify();
    this.wakeLocal();
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  private wakeLocal(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private scheduleNotify(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.notifying = this.notify().finally(() => {
        this.notifying = undefined;
        if (this.pending && !this.closed) this.scheduleNotify();
      });
    }, NOTIFY_WINDOW_MS);
  }

  private async notify(): Promise<void> {
    this.pending = false;
    try {
      // The listening connection can notify too, sparing the pool a connection.
      await (this.listener ?? this.pool).query(`NOTIFY ${EVENTS_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'event notification failed');
    }
  }

  private reconnect(client: pg.Client, error: unknown): void {
    if (this.listener === client) this.listener = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn({ err: error }, 'event listener lost; subscribers poll until it is back');
    setTimeout(() => void this.listen(), RECONNECT_DELAY_MS).unref();
  }
}
