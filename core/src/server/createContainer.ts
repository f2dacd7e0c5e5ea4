import { asValue, createContainer as createAwilixContainer, type AwilixContainer } from 'awilix';
import pg from 'pg';
import type { Logger } from 'pino';
import { createPool, type DatabasePool } from 'slonik';
import { systemClock, type Clock } from '../clock.ts';
import type { MonityConfig } from '../config/configSchema.ts';
import { EventTypeRegistry, PostgresEventStore } from '../eventStore/index.ts';

/** The services every request and plugin can resolve, by these names. */
export interface RootServices {
  config: MonityConfig;
  logger: Logger;
  clock: Clock;
  /** node-postgres pool of the event store (COPY, LISTEN). */
  pgPool: pg.Pool;
  /** slonik pool for read models and queries. */
  db: DatabasePool;
  eventTypes: EventTypeRegistry;
  eventStore: PostgresEventStore;
}

/** Builds the singletons: pools, the event store and the logger, shared by every scope. */
export async function createContainer(
  config: MonityConfig,
  logger: Logger,
  databaseUrl: string,
): Promise<AwilixContainer<RootServices>> {
  const pgPool = new pg.Pool({ connectionString: databaseUrl, max: config.databasePoolSize });
  // An idle connection dropped by the server is replaced on next use; worth a line, no more.
  pgPool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
  const db = await createPool(databaseUrl, { maximumPoolSize: config.databasePoolSize });
  const eventTypes = new EventTypeRegistry();
  const eventStore = new PostgresEventStore({ pool: pgPool, eventTypes, logger });

  const container = createAwilixContainer<RootServices>({ strict: true });
  container.register({
    config: asValue(config),
    logger: asValue(logger),
    clock: asValue(systemClock),
    pgPool: asValue(pgPool),
    db: asValue(db),
    eventTypes: asValue(eventTypes),
    eventStore: asValue(eventStore),
  });
  return container;
}

export async function closeContainer(container: AwilixContainer<RootServices>): Promise<void> {
  const { eventStore, db, pgPool } = container.cradle;
  await eventStore.close();
  await db.end();
  await pgPool.end();
}
