import type { TenantTransaction } from './tenantDatabase.ts';

/** One event of a stream as a command folds it. */
export interface StreamEvent {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads passed their schema
  data: Record<string, any>;
  occurredAt: string;
  version: number;
}

/** A stream's events in order, read within a tenant transaction. */
export async function readStreamEvents(
  tx: TenantTransaction,
  tenantId: string,
  streamId: string,
): Promise<StreamEvent[]> {
  const { rows } = await tx.query<Omit<StreamEvent, 'occurredAt'> & { occurred_at: string }>(
    `SELECT type, data, metadata->>'occurredAt' AS occurred_at, stream_version AS version
     FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`,
    [tenantId, streamId],
  );
  return rows.map(({ occurred_at, ...row }) => ({ ...row, occurredAt: occurred_at }));
}

/** Folds a stream into its current state with `evolve`; `undefined` for no events. */
export async function foldStream<State>(
  tx: TenantTransaction,
  tenantId: string,
  streamId: string,
  evolve: (state: State | undefined, event: StreamEvent) => State | undefined,
): Promise<State | undefined> {
  let state: State | undefined;
  for (const event of await readStreamEvents(tx, tenantId, streamId)) state = evolve(state, event);
  return state;
}
