import { ValidationError } from '../../errors.ts';
import type { EventMetadata, StreamAppend } from '../eventStore.ts';
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

/**
 * Which events of a call are checked against their JSON Schema. `every`: all of them, for
 * events that come from outside the store's callers' own code. `first-of-each-type`: for a
 * writer that builds its events itself from records it has already validated field by field
 * (the ledger writer's import): the first event of each type in the call is checked, which
 * catches a writer out of step with the schemas, and the rest are trusted to be built alike.
 */
export type SchemaChecks = 'every' | 'first-of-each-type';

/**
 * What the appends of one call share while they are prepared: the event types checked so far,
 * and the last metadata serialised, since every event of a batch usually carries the same one.
 */
export class AppendPreparation {
  /** Schema version by type and asked version, for the types checked once already. */
  private readonly checked = new Map<string, number>();
  private lastMetadata: EventMetadata | undefined;
  private lastMetadataJson = '';

  constructor(
    readonly eventTypes: EventTypeRegistry,
    private readonly checks: SchemaChecks = 'every',
  ) {}

  /** The schema version to store; validates the event when the checks ask for it. */
  versionOf(event: StreamAppend['events'][number], pointer: string): number {
    const key = `${event.type}@${event.schemaVersion ?? 'latest'}`;
    const known = this.checks === 'first-of-each-type' ? this.checked.get(key) : undefined;
    if (known !== undefined) return known;
    const version = this.eventTypes.validate(event, pointer);
    this.checked.set(key, version);
    return version;
  }

  metadataJson(metadata: EventMetadata): string {
    if (metadata !== this.lastMetadata) {
      this.lastMetadata = metadata;
      this.lastMetadataJson = JSON.stringify(metadata);
    }
    return this.lastMetadataJson;
  }
}

/** Validates the events of an append (payload, metadata, tenant) and serialises each once. */
export function prepareAppend(
  preparation: AppendPreparation | EventTypeRegistry,
  append: StreamAppend,
  pointer: string,
): PreparedAppend {
  const prepared =
    preparation instanceof AppendPreparation ? preparation : new AppendPreparation(preparation);
  const { stream, events } = append;
  if (events.length === 0) {
    throw new ValidationError('Nothing to append', [
      { pointer: `${pointer}/events`, message: 'must hold at least one event' },
    ]);
  }
  const rows = events.map((event, i) => {
    const schemaVersion = prepared.versionOf(event, `${pointer}/events/${i}`);
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
      metadata: prepared.metadataJson(event.metadata),
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
