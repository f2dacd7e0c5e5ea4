import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConcurrencyError,
  EventIdConflictError,
  EventTypeRegistry,
  START,
  UnknownEventTypeError,
  ValidationError,
  comparePositions,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StreamAddress,
} from '../../src/index.ts';

/** What an adapter gives the contract: a store, and a way to hold one append uncommitted. */
export interface ContractFixture {
  store: EventStore;
  /**
   * Makes the next append whose event data has `hold: true` stop before its commit, after it
   * took its place in the global order, until `release` is called.
   */
  holdNextAppend(): Promise<{ blocked(): Promise<void>; release(): Promise<void> }>;
  dispose(): Promise<void>;
}

const contractEventTypes = () =>
  new EventTypeRegistry([
    {
      type: 'InvoiceIssued',
      version: 1,
      schema: {
        type: 'object',
        required: ['number', 'amount'],
        properties: {
          number: { type: 'string', minLength: 1 },
          amount: { type: 'integer' },
          hold: { type: 'boolean' },
        },
      },
    },
    {
      type: 'InvoiceIssued',
      version: 2,
      schema: {
        type: 'object',
        required: ['number', 'amount', 'currency'],
        properties: {
          number: { type: 'string', minLength: 1 },
          amount: { type: 'integer' },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          hold: { type: 'boolean' },
        },
      },
    },
    {
      type: 'PaymentRecorded',
      version: 1,
      schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
    },
  ]);

/** The behaviour every event store adapter must show, specified once. */
export function describeEventStoreContract(
  adapter: string,
  createFixture: (eventTypes: EventTypeRegistry) => Promise<ContractFixture>,
) {
  describe(`event store contract: ${adapter}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    const tenantId = randomUUID();

    beforeAll(async () => {
      fixture = await createFixture(contractEventTypes());
      store = fixture.store;
    });
    afterAll(() => fixture.dispose());

    const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
      tenantId,
      actor: { kind: 'user', id: 'anna.kowalska' },
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-12-03T10:00:00.000Z',
      ...overrides,
    });
    const issued = (number: string, extra: object = {}): NewEvent => ({
      id: uuidv7(),
      type: 'InvoiceIssued',
      data: { number, amount: 123_45, currency: 'PLN', ...extra },
      metadata: metadata(),
    });
    const paid = (amount: number): NewEvent => ({
      id: uuidv7(),
      type: 'PaymentRecorded',
      data: { amount },
      metadata: metadata(),
    });
    const newStream = (): StreamAddress => ({ tenantId, streamId: `invoice-${uuidv7()}` });

    describe('append and read a stream', () => {
      it('appends to a new stream and reads the events back with their metadata', async () => {
        const stream = newStream();
        const events = [issued('FV/1/2026'), paid(100_00)];
        const result = await store.append(stream, events, { expectedVersion: 'no_stream' });

        expect(result.nextExpectedVersion).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((e) => [e.id, e.type, e.streamVersion])).toEqual([
          [events[0]!.id, 'InvoiceIssued', 1],
          [events[1]!.id, 'PaymentRecorded', 2],
        ]);
        expect(read[0]!.data).toEqual(events[0]!.data);
        expect(read[0]!.metadata).toEqual(events[0]!.metadata);
        expect(read[0]!.schemaVersion).toBe(2);
        expect(read[0]!.tenantId).toBe(tenantId);
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
        expect(JSON.parse(JSON.stringify(read[0]))).toMatchObject({
          data: events[0]!.data,
          metadata: events[0]!.metadata,
          streamVersion: 1,
        });
        expect(comparePositions(read[1]!.position, result.position)).toBe(0);
      });

      it('reads forwards and backwards from a version, up to a count', async () => {
        const stream = newStream();
        await store.append(
          stream,
          [1, 2, 3, 4, 5].map((n) => paid(n)),
          { expectedVersion: 0 },
        );

        const forwards = await store.readStream(stream, { fromVersion: 2, maxCount: 2 });
        expect(forwards.map((e) => e.streamVersion)).toEqual([2, 3]);
        const backwards = await store.readStream(stream, { direction: 'backwards' });
        expect(backwards.map((e) => e.streamVersion)).toEqual([5, 4, 3, 2, 1]);
        const fromFour = await store.readStream(stream, {
          direction: 'backwards',
          fromVersion: 4,
          maxCount: 2,
        });
        expect(fromFour.map((e) => e.streamVersion)).toEqual([4, 3]);
      });

      it('keeps the same stream name of two tenants apart', async () => {
        const streamId = `customer-${uuidv7()}`;
        const otherTenant = randomUUID();
        await store.append({ tenantId, streamId }, [paid(1)], { expectedVersion: 'no_stream' });
        const foreign = { ...paid(2), metadata: metadata({ tenantId: otherTenant }) };
        await store.append({ tenantId: otherTenant, streamId }, [foreign], {
          expectedVersion: 'no_stream',
        });

        const ours = await store.readStream({ tenantId, streamId });
        expect(ours.map((e) => e.data)).toEqual([{ amount: 1 }]);
      });
    });

    describe('expected version', () => {
      it('accepts an exact version that matches and refuses one that does not', async () => {
        const stream = newStream();
        await store.append(stream, [issued('A')], { expectedVersion: 'no_stream' });
        await store.append(stream, [paid(1)], { expectedVersion: 1 });

        const stale = store.append(stream, [paid(2)], { expectedVersion: 1 });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ actualVersion: 2, status: 409 });
        const ahead = store.append(stream, [paid(3)], { expectedVersion: 7 });
        await expect(ahead).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('checks no_stream, stream_exists and any', async () => {
        const stream = newStream();
        const missing = store.append(stream, [paid(1)], { expectedVersion: 'stream_exists' });
        await expect(missing).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append(stream, [paid(1)], { expectedVersion: 'no_stream' });
        const again = store.append(stream, [paid(2)], { expectedVersion: 'no_stream' });
        await expect(again).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append(stream, [paid(3)], { expectedVersion: 'stream_exists' });
        const result = await store.append(stream, [paid(4)], { expectedVersion: 'any' });
        expect(result.nextExpectedVersion).toBe(3);
      });

      it('lets exactly one of many concurrent writers of the same version win', async () => {
        const stream = newStream();
        await store.append(stream, [issued('B')], { expectedVersion: 'no_stream' });

        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.append(stream, [paid(i)], { expectedVersion: 1 }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const failures = outcomes.filter((o) => o.status === 'rejected');
        failures.forEach((f) => expect(f.reason).toBeInstanceOf(ConcurrencyError));
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('lets concurrent writers expecting any version all land, each at its own version', async () => {
        const stream = newStream();
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.append(stream, [paid(i)], { expectedVersion: 'any' }),
          ),
        );
        expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8,
        ]);
      });
    });

    describe('idempotency by event id', () => {
      it('answers a repeated append with the first result and stores nothing twice', async () => {
        const stream = newStream();
        const events = [issued('FV/2'), paid(5)];
        const first = await store.append(stream, events, { expectedVersion: 'no_stream' });
        await store.append(stream, [paid(6)], { expectedVersion: 2 });

        for (const expectedVersion of ['no_stream', 'any', 0] as const) {
          const again = await store.append(stream, events, { expectedVersion });
          expect(again.nextExpectedVersion).toBe(first.nextExpectedVersion);
          expect(comparePositions(again.position, first.position)).toBe(0);
        }
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('refuses an event id already used in another stream', async () => {
        const event = paid(9);
        await store.append(newStream(), [event], { expectedVersion: 'no_stream' });
        const reused = store.append(newStream(), [event], { expectedVersion: 'no_stream' });
        await expect(reused).rejects.toBeInstanceOf(EventIdConflictError);
      });
    });

    describe('validation', () => {
      it('refuses unknown types and invalid payloads with per-field messages', async () => {
        const stream = newStream();
        const unknown = { ...paid(1), type: 'InvoiceTeleported' };
        await expect(
          store.append(stream, [unknown], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(UnknownEventTypeError);

        const bad = { ...issued('X'), data: { number: '', amount: 1.5, currency: 'zloty' } };
        const error = await store
          .append(stream, [paid(1), bad], { expectedVersion: 'any' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).errors.map((e) => e.pointer).sort()).toEqual([
          '/events/1/data/amount',
          '/events/1/data/currency',
          '/events/1/data/number',
        ]);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('requires metadata: tenant, actor, correlation, causation and time', async () => {
        const event = { ...paid(1), metadata: { ...metadata(), actor: undefined } };
        const error = await store
          .append(newStream(), [event as unknown as NewEvent], { expectedVersion: 'any' })
          .catch((e: unknown) => e);
        expect((error as ValidationError).errors).toContainEqual(
          expect.objectContaining({ pointer: '/events/0/metadata/actor' }),
        );
        const foreign = { ...paid(1), metadata: metadata({ tenantId: randomUUID() }) };
        await expect(
          store.append(newStream(), [foreign], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(ValidationError);
      });

      it('validates an older schema version when the event names it', async () => {
        const stream = newStream();
        const v1 = { ...issued('OLD'), schemaVersion: 1, data: { number: 'OLD', amount: 1 } };
        await store.append(stream, [v1], { expectedVersion: 'no_stream' });
        const v2WithoutCurrency = { ...issued('NEW'), data: { number: 'NEW', amount: 1 } };
        await expect(
          store.append(stream, [v2WithoutCurrency], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(ValidationError);
        expect((await store.readStream(stream))[0]!.schemaVersion).toBe(1);
      });
    });

    describe('bulk append', () => {
      it('appends thousands of events to many streams in one call', async () => {
        const appends = Array.from({ length: 2_000 }, (_, i) => ({
          stream: newStream(),
          events: [issued(`FV/${i}/2026`), paid(i)],
          expectedVersion: 'no_stream' as const,
        }));
        const results = await store.appendMany(appends);

        expect(results).toHaveLength(2_000);
        results.forEach((r) => expect(r.nextExpectedVersion).toBe(2));
        const sample = await store.readStream(appends[1234]!.stream);
        expect(sample.map((e) => e.data)).toEqual(appends[1234]!.events.map((e) => e.data));
        const again = await store.appendMany(appends);
        expect(again.map((r) => r.position)).toEqual(results.map((r) => r.position));
      });

      it('lands all or nothing when one stream fails its version check', async () => {
        const existing = newStream();
        await store.append(existing, [issued('E')], { expectedVersion: 'no_stream' });
        const fresh = newStream();
        const attempt = store.appendMany([
          { stream: fresh, events: [issued('F')], expectedVersion: 'no_stream' },
          { stream: existing, events: [paid(1)], expectedVersion: 5 },
        ]);
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ stream: existing, actualVersion: 1 });
        expect(await store.readStream(fresh)).toEqual([]);

        const collision = store.appendMany([
          { stream: fresh, events: [issued('F')], expectedVersion: 'no_stream' },
          { stream: existing, events: [paid(1)], expectedVersion: 'no_stream' },
        ]);
        await expect(collision).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(fresh)).toEqual([]);
      });

      it('writes nothing when an event deep in a large batch is invalid', async () => {
        const appends = Array.from({ length: 3_000 }, (_, i) => ({
          stream: newStream(),
          events: [i === 2_500 ? { ...paid(1), data: { amount: 'much' } } : paid(i)],
          expectedVersion: 'no_stream' as const,
        }));
        const error = await store.appendMany(appends).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).errors).toEqual([
          expect.objectContaining({ pointer: '/2500/events/0/data/amount' }),
        ]);
        expect(await store.readStream(appends[0]!.stream)).toEqual([]);
        const retried = await store.appendMany(appends.slice(0, 10));
        expect(retried).toHaveLength(10);
      });

      it('continues existing streams at their versions', async () => {
        const stream = newStream();
        await store.append(stream, [issued('G'), paid(1)], { expectedVersion: 'no_stream' });
        const [result] = await store.appendMany([
          { stream, events: [paid(2), paid(3)], expectedVersion: 2 },
        ]);
        expect(result!.nextExpectedVersion).toBe(4);
        const versions = (await store.readStream(stream)).map((e) => e.streamVersion);
        expect(versions).toEqual([1, 2, 3, 4]);
      });
    });

    describe('read all in global order', () => {
      it('pages through every event once, in the order of appends, and filters by type', async () => {
        const start = (await readEverything(store)).next;
        const stream = newStream();
        const events = Array.from({ length: 25 }, (_, i) =>
          i % 5 === 0 ? issued(`N${i}`) : paid(i),
        );
        for (const event of events) await store.append(stream, [event], { expectedVersion: 'any' });

        const pages: RecordedEvent[][] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 7 });
          pages.push(page.events);
          after = page.next;
          if (page.isEnd) break;
        }
        const seen = pages.flat().filter((e) => e.streamId === stream.streamId);
        expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));

        const onlyInvoices = await store.readAll({ after: start, eventTypes: ['InvoiceIssued'] });
        const ours = onlyInvoices.events.filter((e) => e.streamId === stream.streamId);
        expect(ours).toHaveLength(5);
        expect(onlyInvoices.isEnd).toBe(true);
        expect(comparePositions(onlyInvoices.next, seen.at(-1)!.position)).toBe(1);
      });
    });

    it('keeps text exact through every read: Polish letters, quotes, slashes, tabs, newlines', async () => {
      const from = (await readEverything(store)).next;
      const stream = { tenantId, streamId: `klient\tŁódź\\"Żółw"\n${uuidv7()}` };
      const number = 'FV/ąćęłńóśźż/2026 \\ "cytat" \t tab \n nowa linia \r \u0001 😀';
      const event = issued(number);
      await store.append(stream, [event], { expectedVersion: 'no_stream' });

      const [fromStream] = await store.readStream(stream);
      // The log is read below the oldest transaction still running, on any database of the
      // server: another test's transaction can hold it back a moment.
      const inLog = async () =>
        (await readEverything(store, from)).events.find((e) => e.id === event.id);
      await expect.poll(inLog).toBeDefined();
      const fromLog = await inLog();
      for (const read of [fromStream, fromLog]) {
        expect(read?.streamId).toBe(stream.streamId);
        expect(read?.data).toEqual(event.data);
        expect(read?.metadata).toEqual(event.metadata);
      }
    });

    describe('subscription', () => {
      it('catches up from a position, then follows new events live', async () => {
        const from = (await readEverything(store)).next;
        const stream = newStream();
        await store.append(stream, [issued('S1')], { expectedVersion: 'no_stream' });

        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: from,
          onEvents: async (events) => void received.push(...events),
        });
        await subscription.caughtUp();
        expect(received.map((e) => e.data)).toContainEqual(
          expect.objectContaining({ number: 'S1' }),
        );

        await store.append(stream, [paid(77)], { expectedVersion: 1 });
        await expect
          .poll(() => received.some((e) => e.type === 'PaymentRecorded'), {
            timeout: 2_000,
          })
          .toBe(true);
        await subscription.stop();
      });

      it('never skips an event committed late by a transaction that took an earlier place', async () => {
        const from = (await readEverything(store)).next;
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: from,
          onEvents: async (events) => void received.push(...events),
        });

        const hold = await fixture.holdNextAppend();
        const early = issued('EARLY', { hold: true });
        const slow = store.append(newStream(), [early], { expectedVersion: 'no_stream' });
        await hold.blocked();
        const late = issued('LATE');
        await store.append(newStream(), [late], { expectedVersion: 'no_stream' });
        await subscription.caughtUp();
        await hold.release();
        await slow;
        await subscription.caughtUp();
        await subscription.stop();

        const ids = received.map((e) => e.id);
        expect(ids).toContain(early.id);
        expect(ids).toContain(late.id);
        expect(new Set(ids).size).toBe(ids.length);
        const final = await readEverything(store, from);
        expect(ids).toEqual(final.events.map((e) => e.id));
      });

      it('delivers every event once, in one stable order, under many concurrent writers', async () => {
        const from = (await readEverything(store)).next;
        const received: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: from,
          maxCount: 13,
          onEvents: async (events) => void received.push(...events),
        });

        const written: string[] = [];
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let i = 0; i < 25; i++) {
              const events = [paid(i), paid(i + 1)];
              await store.append(newStream(), events, { expectedVersion: 'no_stream' });
              written.push(...events.map((e) => e.id));
            }
          }),
        );
        await subscription.caughtUp();
        await subscription.stop();

        const final = await readEverything(store, from);
        expect(received.map((e) => e.id)).toEqual(final.events.map((e) => e.id));
        expect(new Set(received.map((e) => e.id))).toEqual(new Set(written));
      });
    });
  });
}

async function readEverything(store: EventStore, after = START) {
  const events: RecordedEvent[] = [];
  let next = after;
  for (;;) {
    const page = await store.readAll({ after: next, maxCount: 5_000 });
    events.push(...page.events);
    next = page.next;
    if (page.isEnd) return { events, next };
  }
}
