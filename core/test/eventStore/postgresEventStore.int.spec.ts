import pg from 'pg';
import { pino } from 'pino';
import { PostgresEventStore } from '../../src/index.ts';
import { createTestDatabase, createTestPool } from '../support/testDatabase.ts';
import { describeEventStoreContract } from './eventStoreContract.ts';

const HOLD_LOCK = 4242;

/**
 * Holds an append open by a test-only trigger: an event whose data says `hold` waits on an
 * advisory lock after it was inserted, so its transaction has its place but has not committed.
 */
const HOLD_TRIGGER = `
CREATE FUNCTION test_hold_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.data::jsonb ? 'hold' THEN PERFORM pg_advisory_xact_lock_shared(${HOLD_LOCK}); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER test_hold_append AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION test_hold_append();`;

describeEventStoreContract('PostgreSQL', async (eventTypes) => {
  const database = await createTestDatabase();
  const pool = createTestPool(database.url, 12);
  await pool.query(HOLD_TRIGGER);
  const store = new PostgresEventStore({
    pool,
    eventTypes,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 200,
  });

  return {
    store,
    async holdNextAppend() {
      const locker = new pg.Client(database.url);
      await locker.connect();
      await locker.query('SELECT pg_advisory_lock($1)', [HOLD_LOCK]);
      return {
        blocked: () => waitForLockWaiter(pool),
        release: async () => {
          await locker.query('SELECT pg_advisory_unlock($1)', [HOLD_LOCK]);
          await locker.end();
        },
      };
    },
    async dispose() {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
});

async function waitForLockWaiter(pool: pg.Pool): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`,
      [HOLD_LOCK],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('The held append never reached its lock');
}
