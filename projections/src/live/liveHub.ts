import { START, comparePositions, formatPosition } from '@monity/core';
import type { CommonQueryMethods } from 'slonik';
import { readLiveCheckpoints } from '../runner/checkpoints.ts';
import type { ReadModelChange } from './readModelChange.ts';

/** Read models that changed, and the newest global position among the changes. */
export interface ReadModelsChanged {
  projections: string[];
  position: string;
}

type Subscriber = (changed: ReadModelsChanged) => void;

/**
 * Hands each announced change to the subscribers of the tenants it concerns (all of them when
 * the change names no tenants).
 */
export class LiveHub {
  private readonly byTenant = new Map<string, Set<Subscriber>>();

  constructor(private readonly db: CommonQueryMethods) {}

  /** Follows the changes of one tenant's read models; returns the unsubscribe function. */
  subscribe(tenantId: string, subscriber: Subscriber): () => void {
    const subscribers = this.byTenant.get(tenantId) ?? new Set();
    this.byTenant.set(tenantId, subscribers);
    subscribers.add(subscriber);
    return () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && this.byTenant.get(tenantId) === subscribers) {
        this.byTenant.delete(tenantId);
      }
    };
  }

  publish({ projection, tenants, position }: ReadModelChange): void {
    const changed = { projections: [projection], position };
    const groups = tenants ? tenants.map((id) => this.byTenant.get(id)) : this.byTenant.values();
    for (const subscribers of groups) subscribers?.forEach((subscriber) => subscriber(changed));
  }

  /** Tells every subscriber that any read model may have changed (announcements were lost). */
  async resync(): Promise<void> {
    const changed = await this.current();
    for (const subscribers of this.byTenant.values()) {
      subscribers.forEach((subscriber) => subscriber(changed));
    }
  }

  /** Every live read model, and the newest position any of them reached. */
  async current(): Promise<ReadModelsChanged> {
    const checkpoints = await readLiveCheckpoints(this.db);
    const newest = checkpoints
      .map((checkpoint) => checkpoint.position)
      .reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b), START);
    return {
      projections: checkpoints.map((checkpoint) => checkpoint.projection),
      position: formatPosition(newest),
    };
  }

  get subscribers(): number {
    let count = 0;
    for (const subscribers of this.byTenant.values()) count += subscribers.size;
    return count;
  }
}
