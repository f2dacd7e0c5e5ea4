import { eventOf, type CommandContext } from '../access/commandContext.ts';
import type { TenantTransaction } from '../database/tenantDatabase.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { messageStream, REPORT_EVENTS } from '../messages/messageEvents.ts';
import { requeue } from './outbox.ts';

export type Decision = 'sent' | 'resend';

interface StreamEvent {
  type: string;
  data: { outcome?: string };
}

const REPORTS: readonly string[] = Object.values(REPORT_EVENTS);

/**
 * Whether a message's last hand-over left its outcome open, and nothing since told: a
 * provider's report of the message settles it as surely as a person could.
 */
function outcomeIsOpen(events: StreamEvent[]): boolean {
  if (events.some((e) => REPORTS.includes(e.type))) return false;
  const last = events.at(-1);
  if (!last) return false;
  return (
    last.type === 'MessageOutcomeUnknown' ||
    (last.type === 'MessageSent' && last.data.outcome === 'unknown')
  );
}

/**
 * A person decides a message whose outcome is unknown: it was sent (nothing more happens), or
 * it was not and goes to the outbox again, under its own id, for providers that deduplicate.
 */
export async function resolveOutcome(
  tx: TenantTransaction,
  command: CommandContext,
  tenantId: string,
  messageId: string,
  decision: Decision,
) {
  // The outbox row first: a late record of the same message waits for this decision, or this
  // decision for it, and then finds the stream moved on.
  await tx.query('SELECT 1 FROM outbox WHERE message_id = $1 FOR UPDATE', [messageId]);
  const stream = messageStream(messageId);
  const { rows } = await tx.query<StreamEvent>(
    'SELECT type, data FROM events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version',
    [tenantId, stream],
  );
  if (rows.length === 0) throw new NotFoundError('No such message');
  if (!outcomeIsOpen(rows)) {
    throw new ConflictError('outcome_known', 'Only a message whose outcome is unknown is decided');
  }
  const event = eventOf(command, tenantId, 'MessageOutcomeResolved', { messageId, decision });
  await tx.append(stream, [event], rows.length);
  if (decision === 'resend') return requeue(tx, messageId, tenantId);
  await tx.query(
    `UPDATE outbox SET state = 'done', outcome = 'resolved', updated_at = now()
     WHERE message_id = $1`,
    [messageId],
  );
}
