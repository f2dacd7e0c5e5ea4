import {
  MonityError,
  comparePositions,
  formatPosition,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type Subscription,
} from '@monity/core';
import type { Logger } from 'pino';
import type { DatabasePool } from 'slonik';
import { announceChange, tenantsOf } from '../live/readModelChange.ts';
import type { Projection } from '../projection.ts';
import { moveCheckpoint, readCheckpoint, type Slot } from './checkpoints.ts';
import { tableResolver } from './tables.ts';

export interface WorkerDependencies {
  store: EventStore;
  db: DatabasePool;
  logger: Logger;
  batchSize: number;
  retryDelayMs: number;
}

class CheckpointMovedError extends MonityError {
  constructor(projection: string) {
    super('checkpoint_moved', `Another worker moved the checkpoint of ${projection}`, 409);
  }
}

/**
 * Keeps one slot of one projection (its live read model, or a rebuild) following the log.
 * Each batch is applied in the transaction that moves the checkpoint, with the checkpoint row
 * locked and compared first, so a batch is applied exactly once even with a crash or a
 * competing worker in another process. A live batch is announced in that transaction too
 * (`announceChange`), so the announcement is delivered exactly when the batch is visible.
 */
export class SlotWorker {
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  lastError: string | undefined;

  constructor(
    private readonly deps: WorkerDependencies,
    readonly projection: Projection,
    readonly slot: Slot,
  ) {}

  async start(): Promise<void> {
    const checkpoint = await readCheckpoint(this.deps.db, this.projection.name, this.slot);
    if (!checkpoint) throw new Error(`No ${this.slot} checkpoint for ${this.projection.name}`);
    if (this.stopped) return;
    this.follow(checkpoint.position);
  }

  /** Resolves once the slot has applied everything committed before the call. */
  async caughtUp(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.subscription) return await this.subscription.caughtUp();
      } catch {
        // The subscription restarted after an error; wait for the next one.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The ${this.slot} worker of ${this.projection.name} has stopped`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }

  private follow(from: GlobalPosition): void {
    let expected = from;
    this.subscription = this.deps.store.subscribeToAll({
      after: from,
      maxCount: this.deps.batchSize,
      eventTypes: this.projection.eventTypes,
      onEvents: async (events, next) => {
        await this.applyBatch(events, expected, next);
        expected = next;
        this.lastError = undefined;
      },
      onError: (error) => this.recover(error),
    });
  }

  private async applyBatch(events: RecordedEvent[], from: GlobalPosition, to: GlobalPosition) {
    const { name } = this.projection;
    const table = tableResolver(this.projection, this.slot);
    await this.deps.db.transaction(async (tx) => {
      const stored = await readCheckpoint(tx, name, this.slot, { forUpdate: true });
      if (!stored || comparePositions(stored.position, from) !== 0) {
        throw new CheckpointMovedError(name);
      }
      await this.projection.apply(events, { tx, table });
      await moveCheckpoint(tx, name, this.slot, to);
      // Readers see a rebuild only once it is swapped in; the swap announces itself.
      if (this.slot === 'live' && events.length > 0) {
        const change = {
          projection: name,
          tenants: tenantsOf(events),
          position: formatPosition(to),
        };
        await announceChange(tx, change);
      }
    });
    this.deps.logger.debug(
      { projection: name, slot: this.slot, events: events.length, to: formatPosition(to) },
      'projection batch applied',
    );
  }

  private recover(error: unknown): void {
    if (this.stopped) return;
    const moved = error instanceof CheckpointMovedError;
    this.lastError = moved ? undefined : String((error as Error).message ?? error);
    if (!moved) {
      this.deps.logger.error(
        { err: error, projection: this.projection.name, slot: this.slot },
        'projection failed; retrying from its checkpoint',
      );
    }
    const delay = moved ? 0 : this.deps.retryDelayMs;
    this.retry = setTimeout(() => void this.start().catch((e: unknown) => this.recover(e)), delay);
  }
}
