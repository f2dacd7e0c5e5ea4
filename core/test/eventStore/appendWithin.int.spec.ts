import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, ValidationError, type NewEvent } from '../../src/index.ts';
import {
  createEventStoreFixture,
  invoiceIssued,
  type EventStoreFixture,
} from '../support/index.ts';

describe('PostgreSQL event store: appending inside a caller’s transaction', () => {
  let fixture: EventStoreFixture;
  const tenantId = randomUUID();
  const stream = { tenantId, streamId: 'invoice-within' };
  beforeAll(async () => {
    fixture = await createEventStoreFixture();
  });
  afterAll(() => fixture.dispose());

  it('commits with the transaction, and is gone when it rolls back', async () => {
    const client = await fixture.pool.connect();
    try {
      await client.query('BEGIN');
      await fixture.store.appendWithin(client, stream, [invoiceIssued(tenantId, 'FV/1')], {
        expectedVersion: 'no_stream',
      });
      await client.query('ROLLBACK');
      expect(await fixture.store.readStream(stream)).toEqual([]);

      await client.query('BEGIN');
      const result = await fixture.store.appendWithin(
        client,
        stream,
        [invoiceIssued(tenantId, 'FV/2')],
        { expectedVersion: 'no_stream' },
      );
      await client.query('COMMIT');
      fixture.store.committed();
      expect(result.nextExpectedVersion).toBe(1);
      expect((await fixture.store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1]);
    } finally {
      client.release();
    }
  });

  it('raises a concurrency error when the stream is not at the expected version', async () => {
    const client = await fixture.pool.connect();
    try {
      await client.query('BEGIN');
      const appending = fixture.store.appendWithin(
        client,
        stream,
        [invoiceIssued(tenantId, 'FV/3')],
        {
          expectedVersion: 5,
        },
      );
      await expect(appending).rejects.toBeInstanceOf(ConcurrencyError);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('appends to many streams in one insert where COPY is not allowed', async () => {
    const client = await fixture.pool.connect();
    const old = { tenantId, streamId: 'invoice-many-old' };
    const fresh = { tenantId, streamId: 'invoice-many-new' };
    try {
      await fixture.store.append(old, [invoiceIssued(tenantId, 'FV/10')], {
        expectedVersion: 'no_stream',
      });
      await client.query('BEGIN');
      const results = await fixture.store.appendManyWithin(
        client,
        [
          { stream: old, events: [invoiceIssued(tenantId, 'FV/11')], expectedVersion: 'any' },
          {
            stream: fresh,
            events: [invoiceIssued(tenantId, 'FV/12'), invoiceIssued(tenantId, 'FV/13')],
            expectedVersion: 'no_stream',
          },
        ],
        { rowSecurity: true },
      );
      await client.query('COMMIT');
      fixture.store.committed();
      expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 2]);
      const [first, second] = results.map((r) => r.position.sequence);
      expect(first! < second!).toBe(true);
      const numbers = async (s: typeof old) =>
        (await fixture.store.readStream(s)).map((e) => [
          e.streamVersion,
          (e.data as { number: string }).number,
        ]);
      expect(await numbers(old)).toEqual([
        [1, 'FV/10'],
        [2, 'FV/11'],
      ]);
      expect(await numbers(fresh)).toEqual([
        [1, 'FV/12'],
        [2, 'FV/13'],
      ]);

      await client.query('BEGIN');
      const again = fixture.store.appendManyWithin(
        client,
        [
          {
            stream: fresh,
            events: [invoiceIssued(tenantId, 'FV/14')],
            expectedVersion: 'no_stream',
          },
        ],
        { rowSecurity: true },
      );
      await expect(again).rejects.toBeInstanceOf(ConcurrencyError);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('keeps every payload to the character and each stream in order in a large insert', async () => {
    const client = await fixture.pool.connect();
    // Quotes, backslashes, line breaks and Polish letters: what a message's HTML is made of.
    const numberOf = (stream: number, event: number) =>
      `FV/"${stream}"\\${event}\n<p class="x">zażółć</p>\t{}[],`;
    const streams = Array.from({ length: 40 }, (_, i) => ({
      stream: { tenantId, streamId: `invoice-large-${i}` },
      events: Array.from({ length: 25 }, (_, j) => invoiceIssued(tenantId, numberOf(i, j))),
      expectedVersion: 'no_stream' as const,
    }));
    try {
      await client.query('BEGIN');
      await fixture.store.appendManyWithin(client, streams, { rowSecurity: true });
      await client.query('COMMIT');
      fixture.store.committed();
    } finally {
      client.release();
    }
    const { rows } = await fixture.pool.query<{ stream_id: string; stream_version: number }>(
      `SELECT stream_id, stream_version FROM events WHERE stream_id LIKE 'invoice-large-%'
       ORDER BY transaction_id, position`,
    );
    expect(rows).toHaveLength(1000);
    const last = new Map<string, number>();
    for (const row of rows) {
      expect(row.stream_version).toBe((last.get(row.stream_id) ?? 0) + 1);
      last.set(row.stream_id, row.stream_version);
    }
    for (const [i, { stream, events }] of streams.entries()) {
      const read = await fixture.store.readStream(stream);
      expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
      expect(read.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
      expect((read[3]!.data as { number: string }).number).toBe(numberOf(i, 3));
    }
  });

  it('checks every event against its schema, or the first of each type when asked', async () => {
    const badAmount = (number: string) => {
      const event = invoiceIssued(tenantId, number);
      return { ...event, data: { number, amount: 'ten' } };
    };
    const appendOf = (streamId: string, events: NewEvent[]) => [
      { stream: { tenantId, streamId }, events, expectedVersion: 'no_stream' as const },
    ];
    const client = await fixture.pool.connect();
    try {
      await client.query('BEGIN');
      const second = appendOf('invoice-checks-1', [
        invoiceIssued(tenantId, 'FV/20'),
        badAmount('FV/21'),
      ]);
      await expect(fixture.store.appendManyWithin(client, second)).rejects.toBeInstanceOf(
        ValidationError,
      );
      await client.query('ROLLBACK');

      // A writer that builds its events itself has the first of each type checked.
      await client.query('BEGIN');
      const first = appendOf('invoice-checks-2', [
        badAmount('FV/22'),
        invoiceIssued(tenantId, 'FV/23'),
      ]);
      const checkingFirst = fixture.store.appendManyWithin(client, first, {
        schemaChecks: 'first-of-each-type',
      });
      await expect(checkingFirst).rejects.toBeInstanceOf(ValidationError);
      await client.query('ROLLBACK');

      await client.query('BEGIN');
      const good = appendOf('invoice-checks-3', [
        invoiceIssued(tenantId, 'FV/24'),
        invoiceIssued(tenantId, 'FV/25'),
      ]);
      await fixture.store.appendManyWithin(client, good, { schemaChecks: 'first-of-each-type' });
      await client.query('COMMIT');
      fixture.store.committed();
      const read = await fixture.store.readStream({ tenantId, streamId: 'invoice-checks-3' });
      expect(read.map((e) => [e.schemaVersion, (e.data as { number: string }).number])).toEqual([
        [1, 'FV/24'],
        [1, 'FV/25'],
      ]);
    } finally {
      client.release();
    }
  });
});
