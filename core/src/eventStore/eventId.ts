import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Ids drawn per refill of the random pool. */
const POOL_IDS = 1024;
const pool = new Uint8Array(16 * POOL_IDS);
let used = POOL_IDS;

/**
 * A new event's id: a UUID v7 whose random part comes from a pool refilled a thousand ids at a
 * time. The `uuid` package draws 16 random bytes per id, and that call cost more than the rest
 * of making the id when a collection run or an import makes hundreds of thousands of them.
 */
export function newEventId(): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used * 16, ++used * 16);
  return uuidv7({ random });
}
