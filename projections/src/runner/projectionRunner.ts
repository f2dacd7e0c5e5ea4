import { formatPosition, type EventStore } from '@monity/core';
import type { Logger } from 'pino';
import { sql, type DatabasePool, type DatabaseTransactionConnection } from 'slonik';
import { announceChange } from '../live/readModelChange.ts';
import type { Projection } from '../projection.ts';
import {
  createCheckpoint,
  deleteCheckpoint,
  promoteRebuild,
  readCheckpoint,
  type Slot,
} from './checkpoints.ts';
import { projectionStatus, type ProjectionStatus } from './projectionStatus.ts';
import { SlotWorker, type WorkerDependencies } from './slotWorker.ts';
import { createTables, dropTables, swapTables } from './tables.ts';

export interface ProjectionRunnerOptions {
  store: EventStore;
  db: DatabasePool;
  logger: Logger;
  /** Events per transaction. */
  batchSize?: number;
  retryDelayMs?: number;
}

interface Running {
  projection: Projection;
  live?: SlotWorker;
  rebuild?: SlotWorker;
  rebuildDone?: Promise<void>;
}

/**
 * Runs every registered projection: keeps its live read model following the event log and,
 * when its version changed or a rebuild is asked for, builds a fresh copy from the first event
 * beside the live one, then swaps it in.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly deps: WorkerDependencies;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.deps = {
      store: options.store,
      db: options.db,
      logger: options.logger.child({ component: 'projections' }),
      batchSize: options.batchSize ?? 500,
      retryDelayMs: options.retryDelayMs ?? 1000,
    };
  }

  register(projection: Projection): void {
    if (this.running.has(projection.name)) {
      throw new Error(`Projection ${projection.name} is registered twice`);
    }
    this.running.set(projection.name, { projection });
  }

  has(name: string): boolean {
    return this.running.has(name);
  }

  async start(): Promise<void> {
    for (const entry of this.running.values()) await this.startProjection(entry);
  }

  /** Rebuilds a projection from zero while its live read model keeps serving and updating. */
  async rebuild(name: string): Promise<void> {
    const entry = this.entry(name);
    if (entry.rebuildDone) return entry.rebuildDone;
    await this.locked(name, (tx) => this.resetRebuild(tx, entry.projection));
    return this.startRebuild(entry);
  }

  /** Resolves when every projection has applied all events committed before the call. */
  async caughtUp(): Promise<void> {
    for (const entry of this.running.values()) {
      await entry.rebuildDone;
      await entry.live?.caughtUp();
    }
  }

  status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      [...this.running.values()].map((entry) =>
        projectionStatus(this.deps, entry.projection, [entry.live, entry.rebuild]),
      ),
    );
  }

  async stop(): Promise<void> {
    const workers = [...this.running.values()].flatMap((e) => [e.live, e.rebuild]);
    await Promise.all(workers.map((worker) => worker?.stop()));
  }

  private async startProjection(entry: Running): Promise<void> {
    const { projection } = entry;
    const slot = await this.locked(projection.name, async (tx): Promise<Slot> => {
      const live = await readCheckpoint(tx, projection.name, 'live');
      if (!live) {
        await createTables(tx, projection, 'live');
        await createCheckpoint(tx, projection.name, 'live', projection.version);
        return 'live';
      }
      if (live.version === projection.version) return 'live';
      const rebuild = await readCheckpoint(tx, projection.name, 'rebuild');
      if (rebuild?.version !== projection.version) await this.resetRebuild(tx, projection);
      return 'rebuild';
    });

    if (slot === 'live') await this.startLive(entry);
    else void this.startRebuild(entry);
  }

  private async startLive(entry: Running): Promise<void> {
    entry.live = new SlotWorker(this.deps, entry.projection, 'live');
    await entry.live.start();
  }

  private startRebuild(entry: Running): Promise<void> {
    const { projection } = entry;
    const started = Date.now();
    this.deps.logger.info({ projection: projection.name }, 'projection rebuild started');
    const rebuild = new SlotWorker(this.deps, projection, 'rebuild');
    entry.rebuild = rebuild;

    entry.rebuildDone = (async () => {
      await rebuild.start();
      await rebuild.caughtUp();
      await rebuild.stop();
      await entry.live?.stop();
      await this.locked(projection.name, async (tx) => {
        await swapTables(tx, projection);
        const position = formatPosition(await promoteRebuild(tx, projection.name));
        // Every tenant's rows were replaced at once.
        await announceChange(tx, { projection: projection.name, tenants: null, position });
      });
      entry.rebuild = undefined;
      entry.rebuildDone = undefined;
      await this.startLive(entry);
      const durationMs = Date.now() - started;
      this.deps.logger.info({ projection: projection.name, durationMs }, 'projection rebuilt');
    })();
    return entry.rebuildDone;
  }

  private async resetRebuild(tx: DatabaseTransactionConnection, projection: Projection) {
    await dropTables(tx, projection, 'rebuild');
    await deleteCheckpoint(tx, projection.name, 'rebuild');
    await createTables(tx, projection, 'rebuild');
    await createCheckpoint(tx, projection.name, 'rebuild', projection.version);
  }

  /** Runs `work` in a transaction holding the projection's lock, across processes. */
  private locked<T>(name: string, work: (tx: DatabaseTransactionConnection) => Promise<T>) {
    return this.deps.db.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(hashtext(${`projection:${name}`}))`);
      return work(tx);
    });
  }

  private entry(name: string): Running {
    const entry = this.running.get(name);
    if (!entry) throw new Error(`No projection named ${name}`);
    return entry;
  }
}
