import type { TenantTransaction } from '../database/tenantDatabase.ts';

/** Adds queued messages to the outbox, in the transaction of their MessageQueued events. */
export async function addToOutbox(
  tx: TenantTransaction,
  tenantId: string,
  rows: { messageId: string; notBefore: Date }[],
) {
  await tx.query(
    `INSERT INTO outbox (message_id, tenant_id, not_before)
     SELECT id, $1, not_before FROM unnest($2::uuid[], $3::timestamptz[]) AS m (id, not_before)`,
    [tenantId, rows.map((r) => r.messageId), rows.map((r) => r.notBefore)],
  );
}

/** Puts a message back to wait for its next hand-over, as a new message would. */
export async function requeue(tx: TenantTransaction, messageId: string, tenantId: string) {
  await tx.query(
    `INSERT INTO outbox (message_id, tenant_id, not_before) VALUES ($1, $2, now())
     ON CONFLICT (message_id) DO UPDATE SET state = 'waiting', outcome = NULL, attempt_id = NULL,
       claimed_by = NULL, claimed_until = NULL, not_before = now(), updated_at = now()`,
    [messageId, tenantId],
  );
}
