import { formatPosition } from '@monity/core';
import type { Projection } from '../projection.ts';
import { readCheckpoint } from './checkpoints.ts';
import type { SlotWorker, WorkerDependencies } from './slotWorker.ts';

export interface SlotStatus {
  slot: 'live' | 'rebuild';
  version: number;
  checkpoint: string;
  /** Events of the projection's types committed but not applied yet. */
  pendingEvents: number;
  /** Age of the oldest pending event; 0 when nothing is pending. */
  lagSeconds: number;
  running: boolean;
  lastError?: string;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  slots: SlotStatus[];
}

/** Where a projection stands: per slot, its checkpoint and how far behind the log it is. */
export async function projectionStatus(
  deps: WorkerDependencies,
  projection: Projection,
  workers: (SlotWorker | undefined)[],
): Promise<ProjectionStatus> {
  const slots: SlotStatus[] = [];
  for (const slot of ['live', 'rebuild'] as const) {
    const checkpoint = await readCheckpoint(deps.db, projection.name, slot);
    if (!checkpoint) continue;
    const worker = workers.find((w) => w?.slot === slot);
    const filter = { after: checkpoint.position, eventTypes: projection.eventTypes };
    const pendingEvents = await deps.store.countAfter(filter);
    const oldest = pendingEvents > 0 ? await deps.store.readAll({ ...filter, maxCount: 1 }) : null;
    const oldestAt = oldest?.events[0]?.recordedAt.getTime();
    slots.push({
      slot,
      version: checkpoint.version,
      checkpoint: formatPosition(checkpoint.position),
      pendingEvents,
      lagSeconds: oldestAt ? Math.max(0, (Date.now() - oldestAt) / 1000) : 0,
      running: Boolean(worker),
      ...(worker?.lastError ? { lastError: worker.lastError } : {}),
    });
  }
  return { name: projection.name, version: projection.version, slots };
}
