import type { TenantTransaction } from '../database/tenantDatabase.ts';

/** Adds a queued message to the outbox, in the transaction of its MessageQueued event. */
export async function addToOutbox(
  tx: TenantTransaction,
  row: { messageId: string; tenantId: string; notBefore: Date },
) {
  await tx.query('INSERT INTO outbox (message_id, tenant_id, not_before) VALUES ($1, $2, $3)', [
    row.messageId,
    row.tenantId,
    row.notBefore,
  ]);
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
