import type { RecordedEvent } from '@monity/core';
import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

/** The PostgreSQL channel on which every committed change of a read model is announced. */
export const READ_MODELS_CHANNEL = 'monity_read_models';

/** PostgreSQL refuses a payload of 8000 bytes or more. */
const PAYLOAD_LIMIT = 8000;

/** One committed batch of a live read model, as announced on `READ_MODELS_CHANNEL`. */
export interface ReadModelChange {
  projection: string;
  /** The tenants whose rows the batch may have changed; `null`: any tenant. */
  tenants: string[] | null;
  /** The global position the read model reached, `transaction:sequence`. */
  position: string;
}

const changeSchema: z.ZodType<ReadModelChange> = z.object({
  projection: z.string(),
  tenants: z.array(z.string()).nullable(),
  position: z.string(),
});

/** The tenants of a batch's events, each once. */
export function tenantsOf(events: readonly RecordedEvent[]): string[] {
  return [...new Set(events.map((event) => event.tenantId))];
}

/**
 * Announces `change` from inside the transaction that commits it: PostgreSQL delivers a
 * notification when, and only if, its transaction commits, to listeners in every process. A
 * tenant list too long for a payload is sent as `null`, "any tenant".
 */
export async function announceChange(tx: CommonQueryMethods, change: ReadModelChange) {
  let payload = JSON.stringify(change);
  if (Buffer.byteLength(payload) >= PAYLOAD_LIMIT) {
    payload = JSON.stringify({ ...change, tenants: null });
  }
  await tx.query(sql.unsafe`SELECT pg_notify(${READ_MODELS_CHANNEL}, ${payload})`);
}

/** The change a notification's payload announces, or `undefined` when it is not one. */
export function parseChange(payload: string | undefined): ReadModelChange | undefined {
  try {
    const parsed = changeSchema.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
