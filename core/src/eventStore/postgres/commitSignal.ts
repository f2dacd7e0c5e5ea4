import pg from 'pg';
import type { Logger } from 'pino';

const EVENTS_CHANNEL = 'monity_events';
const RECONNECT_DELAY_MS = 1000;
const NOTIFY_DELAY_MS = 2;

/**
 * Tells subscribers, in this process and in others, that events were committed.
 *
 * The NOTIFY is sent after the append's commit, not inside it: PostgreSQL serialises the
 * commits of notifying transactions on one lock held across the WAL flush, which would stop
 * concurrent appends from sharing a flush. Notifications are coalesced (gathered for 2 ms, one
 * in flight at a time); a notification lost in a crash only delays subscribers until their
 * next poll.
 */
export class CommitSignal {
  private waiters = new Set<() => void>();
  private listener: pg.Client | undefined;
  private notifying = false;
  private notifyAgain = false;
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
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    // A short pause gathers the commits of concurrent writers into one notification.
    setTimeout(() => void this.sendNotify(), NOTIFY_DELAY_MS);
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

  async close(): Promise<void> {
    this.closed = true;
    this.wakeLocal();
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  private wakeLocal(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private async sendNotify(): Promise<void> {
    do {
      this.notifyAgain = false;
      try {
        // The listening connection can notify too, sparing the pool a connection.
        await (this.listener ?? this.pool).query(`NOTIFY ${EVENTS_CHANNEL}`);
      } catch (error) {
        if (!this.closed) this.logger.warn({ err: error }, 'event notification failed');
      }
    } while (this.notifyAgain && !this.closed);
    this.notifying = false;
  }

  private reconnect(client: pg.Client, error: unknown): void {
    if (this.listener === client) this.listener = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn({ err: error }, 'event listener lost; subscribers poll until it is back');
    setTimeout(() => void this.listen(), RECONNECT_DELAY_MS).unref();
  }
}
