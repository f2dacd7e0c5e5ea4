import { asValue, createContainer as createAwilixContainer, type AwilixContainer } from 'awilix';
import pg from 'pg';
import type { Logger } from 'pino';
import { createPool, type DatabasePool } from 'slonik';
import { systemClock, type Clock } from '../clock.ts';
import type { MonityConfig } from '../config/configSchema.ts';
import { accessEventTypes } from '../access/accessEvents.ts';
import { Authenticator } from '../access/authenticator.ts';
import { LoginThrottle } from '../access/loginThrottle.ts';
import type { SessionTimeouts } from '../access/sessions.ts';
import { TenantDatabase } from '../database/tenantDatabase.ts';
import { EventTypeRegistry, PostgresEventStore } from '../eventStore/index.ts';
import { catalogueEventTypes } from '../ledger/catalogueEvents.ts';
import { groupEventTypes } from '../groups/groupEvents.ts';
import { messageEventTypes } from '../messages/messageEvents.ts';
import { ledgerEventTypes } from '../ledger/ledgerEvents.ts';
import { LedgerWriter } from '../ledger/ledgerWriter.ts';
import { exchangeRateEventTypes } from '../rates/exchangeRateEvents.ts';
import { templateEventTypes } from '../templates/templateEvents.ts';
import { processEventTypes } from '../processes/processEvents.ts';
import { collectionEventTypes } from '../processes/collectionEvents.ts';
import { holdEventTypes } from '../processes/holdEvents.ts';

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
  /** node-postgres pool of the application role, under row-level security. */
  appPool: pg.Pool;
  tenantDb: TenantDatabase;
  authenticator: Authenticator;
  loginThrottle: LoginThrottle;
  sessionTimeouts: SessionTimeouts;
  ledgerWriter: LedgerWriter;
}

/** Builds the singletons: pools, the event store and the logger, shared by every scope. */
export async function createContainer(
  config: MonityConfig,
  logger: Logger,
  databaseUrl: string,
  clock: Clock = systemClock,
): Promise<AwilixContainer<RootServices>> {
  const pgPool = new pg.Pool({ connectionString: databaseUrl, max: config.databasePoolSize });
  // An idle connection dropped by the server is replaced on next use; worth a line, no more.
  pgPool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
  const db = await createPool(databaseUrl, { maximumPoolSize: config.databasePoolSize });
  const eventTypes = new EventTypeRegistry([
    ...accessEventTypes,
    ...ledgerEventTypes,
    ...catalogueEventTypes,
    ...groupEventTypes,
    ...templateEventTypes,
    ...messageEventTypes,
    ...processEventTypes,
    ...collectionEventTypes,
    ...holdEventTypes,
    ...exchangeRateEventTypes,
  ]);
  const eventStore = new PostgresEventStore({ pool: pgPool, eventTypes, logger });
  const appPool = createAppPool(config, databaseUrl);
  appPool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
  const tenantDb = new TenantDatabase(appPool, eventStore);
  const sessionTimeouts = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };

  const container = createAwilixContainer<RootServices>({ strict: true });
  container.register({
    config: asValue(config),
    logger: asValue(logger),
    clock: asValue(clock),
    pgPool: asValue(pgPool),
    db: asValue(db),
    eventTypes: asValue(eventTypes),
    eventStore: asValue(eventStore),
    appPool: asValue(appPool),
    tenantDb: asValue(tenantDb),
    authenticator: asValue(new Authenticator(appPool, tenantDb, clock, sessionTimeouts)),
    loginThrottle: asValue(new LoginThrottle(appPool)),
    sessionTimeouts: asValue(sessionTimeouts),
    ledgerWriter: asValue(new LedgerWriter({ pgPool, eventStore, clock })),
  });
  return container;
}

/**
 * Requests run as monity_app (docs/security.md). With DATABASE_APP_URL they log in as a member
 * of that role; otherwise the owner's connections take the role at their start.
 */
function createAppPool(config: MonityConfig, databaseUrl: string): pg.Pool {
  const max = config.databasePoolSize;
  if (config.databaseAppUrl) return new pg.Pool({ connectionString: config.databaseAppUrl, max });
  return new pg.Pool({ connectionString: databaseUrl, max, options: '-c role=monity_app' });
}

export async function closeContainer(container: AwilixContainer<RootServices>): Promise<void> {
  const { eventStore, db, pgPool, appPool } = container.cradle;
  await eventStore.close();
  await appPool.end();
  await db.end();
  await pgPool.end();
}
