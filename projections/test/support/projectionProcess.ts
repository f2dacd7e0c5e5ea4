/**
 * A projection runner in a process of its own, for the crash test to kill.
 * Arguments: database URL, batch size, milliseconds each batch sleeps before it commits.
 */
import pg from 'pg';
import { pino } from 'pino';
import { createPool } from 'slonik';
import { PostgresEventStore } from '@monity/core';
import { testEventTypes } from '@monity/core/testing';
import { ProjectionRunner } from '../../src/index.ts';
import { countingProjection } from './countingProjection.ts';

const [url, batchSize, slowMs] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 3 });
const logger = pino({ level: 'silent' });
const store = new PostgresEventStore({ pool, eventTypes: testEventTypes(), logger });
const runner = new ProjectionRunner({
  store,
  db: await createPool(url!, { maximumPoolSize: 2 }),
  logger,
  batchSize: Number(batchSize),
});
runner.register(countingProjection({ slowMs: Number(slowMs) }));
await runner.start();
process.stdout.write('started\n');
