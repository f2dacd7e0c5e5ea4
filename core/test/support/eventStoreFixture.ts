import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { EventTypeRegistry, PostgresEventStore, type NewEvent } from '../../src/index.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from './testDatabase.ts';

export interface EventStoreFixture {
  database: TestDatabase;
  pool: pg.Pool;
  store: PostgresEventStore;
  dispose(): Promise<void>;
}

/** Event types for tests of the read side: small, valid, and enough to fill a log. */
export const testEventTypes = () =>
  new EventTypeRegistry([
    {
      type: 'InvoiceIssued',
      version: 1,
      schema: {
        type: 'object',
        required: ['number', 'amount'],
        properties: { number: { type: 'string' }, amount: { type: 'integer' } },
      },
    },
    {
      type: 'PaymentRecorded',
      version: 1,
      schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
    },
  ]);

/** A fresh database with a PostgreSQL event store on it. */
export async function createEventStoreFixture(): Promise<EventStoreFixture> {
  const database = await createTestDatabase();
  const pool = createTestPool(database.url, 10);
  const store = new PostgresEventStore({
    pool,
    eventTypes: testEventTypes(),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 100,
  });
  return {
    database,
    pool,
    store,
    async dispose() {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

export function invoiceIssued(tenantId: string, number: string, amount = 100_00): NewEvent {
  return {
    id: uuidv7(),
    type: 'InvoiceIssued',
    data: { number, amount },
    metadata: {
      tenantId,
      actor: { kind: 'system', id: 'test' },
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}
