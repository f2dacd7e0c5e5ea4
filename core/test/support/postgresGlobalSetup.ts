import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/database/embeddedPostgres.ts';
import { migrate } from '../../src/database/migrate.ts';
import { TEMPLATE_DATABASE, withDatabase } from './databaseNames.ts';
import './testDatabase.ts';

/**
 * One real PostgreSQL for the whole run, with a migrated template database; each test file
 * copies the template into a fresh database of its own (see testDatabase.ts).
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-test-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, port: 0 });
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await migrate(withDatabase(postgres.url, TEMPLATE_DATABASE), pino({ level: 'warn' }));

  project.provide('postgresUrl', postgres.url);
  return async () => {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
