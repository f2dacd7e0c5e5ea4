import { ValidationError } from '../../errors.ts';
import type { StreamAppend } from '../eventStore.ts';
import type { EventTypeRegistry } from '../eventTypes.ts';

interface PreparedRow {
  id: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
}

/** An append validated and serialised, ready for either write path. */
export interface PreparedAppend extends StreamAppend {
  rows: PreparedRow[];
}

/** Validates every event of an append (payload, metadata, tenant) and serialises it once. */
export function prepareAppend(
  eventTypes: EventTypeRegistry,
  append: StreamAppend,
  pointer: string,
): PreparedAppend {
  const { stream, events } = append;
  if (events.length === 0) {
    throw new ValidationError('Nothing to append', [
      { pointer: `${pointer}/events`, message: 'must hold at least one event' },
    ]);
  }
  const rows = events.map((event, i) => {
    const schemaVersion = eventTypes.validate(event, `${pointer}/events/${i}`);
    if (event.metadata.tenantId !== stream.tenantId) {
      throw new ValidationError('Event belongs to another tenant than its stream', [
        {
          pointer: `${pointer}/events/${i}/metadata/tenantId`,
          message: 'must equal the stream tenant',
        },
      ]);
    }
    return {
      id: event.id,
      type: event.type,
      schemaVersion,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    };
  });
  return { ...append, rows };
}

export function assertDistinctStreams(appends: StreamAppend[]): void {
  const seen = new Set<string>();
  appends.forEach((append, i) => {
    const key = `${append.stream.tenantId}/${append.stream.streamId}`;
    if (seen.has(key)) {
      throw new ValidationError('A stream appears twice in one bulk append', [
        { pointer: `/${i}/stream`, message: 'must not repeat a stream of the same call' },
      ]);
    }
    seen.add(key);
  });
}
