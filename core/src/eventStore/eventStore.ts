/**
 * The event store port: the only way Monity writes and reads facts. Adapters (PostgreSQL today)
 * implement it and pass the contract suite in `core/test/eventStore/`.
 *
 * @example
 * ```ts
 * const result = await store.append(
 *   { tenantId, streamId: `invoice-${erpId}` },
 *   [{ id: uuidv7(), type: 'InvoiceIssued', data, metadata }],
 *   { expectedVersion: 'no_stream' },
 * );
 * const page = await store.readAll({ after: checkpoint, maxCount: 1000 });
 * ```
 */

/** Who caused an event: a person, an API key of an ERP integration, or Monity itself. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string;
}

export interface EventMetadata {
  tenantId: string;
  actor: Actor;
  /** Shared by every event that one request or job caused, however indirectly. */
  correlationId: string;
  /** The id of the command, request or event that directly caused this one. */
  causationId: string | null;
  /** When the fact happened, ISO 8601, from the injected clock. */
  occurredAt: string;
  requestId?: string;
  ip?: string;
}

export interface NewEvent<Data = unknown> {
  /** Chosen by the caller (UUID); appending the same id again returns the first result. */
  id: string;
  type: string;
  /** Version of the payload schema; the newest registered version when left out. */
  schemaVersion?: number;
  data: Data;
  metadata: EventMetadata;
}

/**
 * A place in the global order. Events are ordered by the transaction that appended them,
 * then by sequence within it, so the order never changes after a reader has seen it.
 */
export interface GlobalPosition {
  transaction: bigint;
  sequence: bigint;
}

export const START: GlobalPosition = { transaction: 0n, sequence: 0n };

export interface RecordedEvent<Data = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  tenantId: string;
  streamId: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  position: GlobalPosition;
  recordedAt: Date;
}

export interface StreamAddress {
  tenantId: string;
  streamId: string;
}

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must.
 * A number: the stream's current version must be exactly that (0 means empty).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's version after the append: pass it as the next expected version. */
  nextExpectedVersion: number;
  /** Position of the last event appended. */
  position: GlobalPosition;
}

export interface StreamAppend {
  stream: StreamAddress;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; the first (or, backwards, the last) version to read. */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read what comes after this position. */
  after?: GlobalPosition;
  maxCount?: number;
  /** Only these types; positions still advance past the others. */
  eventTypes?: readonly string[];
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Where to continue from; past every event the page covered, including filtered ones. */
  next: GlobalPosition;
  /** True when the page reached the end of what is committed and safe to read. */
  isEnd: boolean;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called once per batch, in global order; the subscription waits for it. */
  onEvents(events: RecordedEvent[], next: GlobalPosition): Promise<void>;
  /** Called when the subscription stops on an error thrown by `onEvents` or the store. */
  onError?(error: unknown): void;
}

export interface Subscription {
  /** Resolves once the batch in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves when the subscription has read everything committed up to now. */
  caughtUp(): Promise<void>;
}

export interface EventStore {
  append(
    stream: StreamAddress,
    events: NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Appends to many streams in one transaction: all land or none do. For imports. */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;
  readStream(stream: StreamAddress, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** How many events (of these types) are committed after a position: for lag and progress. */
  countAfter(options: Pick<ReadAllOptions, 'after' | 'eventTypes'>): Promise<number>;
  /** Catches up from `after`, then follows new events as they are committed. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
