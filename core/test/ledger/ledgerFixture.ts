import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { EventTypeRegistry, PostgresEventStore } from '../../src/eventStore/index.ts';
import { catalogueEventTypes } from '../../src/ledger/catalogueEvents.ts';
import { ledgerEventTypes } from '../../src/ledger/ledgerEvents.ts';
import { LedgerWriter, type WriteContext } from '../../src/ledger/ledgerWriter.ts';
import { createTestDatabase, createTestPool } from '../support/testDatabase.ts';

/** A migrated database with the ledger's writer, for one test file. */
export async function createLedgerFixture() {
  const database = await createTestDatabase();
  const pool = createTestPool(database.url, 6);
  const eventTypes = new EventTypeRegistry([...ledgerEventTypes, ...catalogueEventTypes]);
  const store = new PostgresEventStore({ pool, eventTypes, logger: pino({ level: 'silent' }) });
  const writer = new LedgerWriter({
    pgPool: pool,
    eventStore: store,
    clock: { now: () => new Date() },
  });
  return {
    pool,
    store,
    writer,
    context: (tenantId = randomUUID(), today = '2026-12-03'): WriteContext => ({
      tenantId,
      actor: { kind: 'system', id: 'test' },
      correlationId: uuidv7(),
      today,
    }),
    async eventsOf(tenantId: string) {
      const { rows } = await pool.query<{ type: string; data: Record<string, unknown> }>(
        'SELECT type, data FROM events WHERE tenant_id = $1 ORDER BY transaction_id, position',
        [tenantId],
      );
      return rows;
    },
    async dispose() {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}
