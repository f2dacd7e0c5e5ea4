import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../src/index.ts';
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
});
