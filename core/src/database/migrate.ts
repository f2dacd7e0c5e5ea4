import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { Logger } from 'pino';

/** The migrations of the whole schema, applied in file-name order. */
const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Applies pending migrations, each in its own transaction, recorded in `schema_migrations`.
 * Safe from several processes at once: they wait on node-pg-migrate's advisory lock.
 */
export async function migrate(
  databaseUrl: string,
  logger: Logger,
  dir: string = migrationsDir,
): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    singleTransaction: false,
    checkOrder: true,
    advisoryLockMode: 'wait',
    logger: {
      debug: (message: string) => logger.debug({ message }, 'migration'),
      info: (message: string) => logger.debug({ message }, 'migration'),
      warn: (message: string) => logger.warn({ message }, 'migration'),
      error: (message: string) => logger.error({ message }, 'migration'),
    },
  });
  const names = applied.map((migration) => migration.name);
  if (names.length > 0) logger.info({ applied: names }, 'migrations applied');
  return names;
}
