import type { Clock } from '../clock.ts';
import type { Actor, EventMetadata, NewEvent } from '../eventStore/index.ts';
import { newEventId } from '../eventStore/eventId.ts';

/** What every command knows of the request that sent it: recorded on each of its events. */
export interface CommandContext {
  actor: Actor;
  requestId: string;
  ip: string;
  clock: Clock;
}

export function eventOf<Data>(
  context: CommandContext,
  tenantId: string,
  type: string,
  data: Data,
): NewEvent<Data> {
  const metadata: EventMetadata = {
    tenantId,
    actor: context.actor,
    correlationId: context.requestId,
    causationId: null,
    occurredAt: context.clock.now().toISOString(),
    requestId: context.requestId,
    ip: context.ip,
  };
  return { id: newEventId(), type, data, metadata };
}
