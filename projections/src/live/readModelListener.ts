import pg from 'pg';
import type { Logger } from 'pino';
import { parseChange, READ_MODELS_CHANNEL, type ReadModelChange } from './readModelChange.ts';

/** How the connection shows in `pg_stat_activity`. */
export const LISTENER_NAME = 'monity read-model listener';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface ReadModelListenerOptions {
  /** The pool whose connection settings the listening connection copies. */
  pool: pg.Pool;
  logger: Logger;
  onChange(change: ReadModelChange): void;
  /** Called on listening after a lost or failed connection: announcements meanwhile are lost. */
  onReconnected(): void;
}

/**
 * The one connection of a process that LISTENs for read-model changes, whichever process
 * committed them. A lost connection is opened again after a pause that doubles up to 30 s.
 *
 * Written here rather than taken from pg-listen: what is needed (one LISTEN, reconnect with
 * backoff, resync the subscribers) is a few lines over node-postgres, the client the server
 * already has; the event store's commit signal listens on its own channel the same way.
 */
export class ReadModelListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  /** Whether announcements may have been missed since the start or the last connection. */
  private missedSome = false;
  private stopped = false;

  constructor(private readonly options: ReadModelListenerOptions) {}

  /** Resolves once listening, or once the first attempt failed and a retry is scheduled. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      ...this.options.pool.options,
      keepAlive: true,
      application_name: LISTENER_NAME,
    });
    this.client = client;
    client.on('notification', ({ payload }) => this.deliver(payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODELS_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return; // stopped, or lost, while connecting
    this.retryMs = FIRST_RETRY_MS;
    this.options.logger.info({ channel: READ_MODELS_CHANNEL }, 'read-model listener listening');
    if (this.missedSome) this.options.onReconnected();
    this.missedSome = false;
  }

  private deliver(payload: string | undefined): void {
    const change = parseChange(payload);
    if (change) this.options.onChange(change);
    else this.options.logger.warn({ payload }, 'read-model notification not understood');
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return; // an earlier connection, already replaced
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.missedSome = true;
    const retryMs = this.retryMs;
    this.options.logger.warn({ err: error, retryMs }, 'read-model listener lost; reconnecting');
    this.retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    this.retry = setTimeout(() => void this.connect(), retryMs);
    this.retry.unref();
  }
}
