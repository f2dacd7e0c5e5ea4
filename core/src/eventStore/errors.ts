import { MonityError } from '../errors.ts';
import type { ExpectedVersion, StreamAddress } from './eventStore.ts';

export class ConcurrencyError extends MonityError {
  constructor(
    readonly stream: StreamAddress,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number | null,
  ) {
    super(
      'concurrency_conflict',
      `Stream ${stream.streamId} was at version ${actualVersion ?? 'unknown'}, ` +
        `expected ${String(expectedVersion)}`,
      409,
    );
  }
}

/** Some of the event ids were appended before, but not as this same append. */
export class EventIdConflictError extends MonityError {
  constructor(readonly eventIds: string[]) {
    super('event_id_conflict', `Event ids already used differently: ${eventIds.join(', ')}`, 409);
  }
}

export class UnknownEventTypeError extends MonityError {
  constructor(type: string, version?: number) {
    const which = version === undefined ? type : `${type} v${version}`;
    super('unknown_event_type', `Event type ${which} is not registered`, 400);
  }
}
