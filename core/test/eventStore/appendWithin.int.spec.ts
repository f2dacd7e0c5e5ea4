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
});
