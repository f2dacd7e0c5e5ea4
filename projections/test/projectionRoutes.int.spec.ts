import { randomUUID } from 'node:crypto';
import {
  createEventStoreFixture,
  invoiceIssued,
  actingAs,
  startTestServer,
  type EventStoreFixture,
  type TestServer,
} from '@monity/core/testing';
import { pino } from 'pino';
import { createPool, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../src/index.ts';
import { projectionRoutes } from '../src/projectionRoutes.ts';
import { countingProjection } from './support/countingProjection.ts';

describe('projection routes', () => {
  let fixture: EventStoreFixture;
  let db: DatabasePool;
  let runner: ProjectionRunner;
  let server: TestServer;
  const tenantId = randomUUID();

  beforeAll(async () => {
    fixture = await createEventStoreFixture();
    db = await createPool(fixture.database.url, { maximumPoolSize: 3 });
    runner = new ProjectionRunner({ store: fixture.store, db, logger: pino({ level: 'silent' }) });
    runner.register(countingProjection());
    await runner.start();
    server = await startTestServer({
      routes: projectionRoutes(runner),
      authenticate: actingAs('owner'),
    });
  });
  afterAll(async () => {
    await server.close();
    await runner.stop();
    await db.end();
    await fixture.dispose();
  });

  it('lists each projection with its checkpoint and lag', async () => {
    await fixture.store.append(
      { tenantId, streamId: 'invoice-7' },
      [invoiceIssued(tenantId, 'A')],
      {
        expectedVersion: 'no_stream',
      },
    );
    await runner.caughtUp();

    const response = await fetch(`${server.url}/api/projections`);
    expect(response.status).toBe(200);
    const { projections } = (await response.json()) as { projections: unknown };
    expect(projections).toEqual([
      {
        name: 'stream_counts',
        version: 1,
        slots: [
          {
            slot: 'live',
            version: 1,
            checkpoint: expect.stringMatching(/^\d+:\d+$/),
            pendingEvents: 0,
            lagSeconds: 0,
            running: true,
          },
        ],
      },
    ]);
  });

  it('starts a rebuild, and answers 404 for a projection it does not know', async () => {
    const accepted = await fetch(`${server.url}/api/projections/stream_counts/rebuild`, {
      method: 'POST',
    });
    expect(accepted.status).toBe(202);
    await runner.caughtUp();
    const counts = await fixture.pool.query('SELECT events FROM rm_stream_counts');
    expect(counts.rows).toEqual([{ events: 1 }]);

    const unknown = await fetch(`${server.url}/api/projections/nothing_here/rebuild`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
  });
});
