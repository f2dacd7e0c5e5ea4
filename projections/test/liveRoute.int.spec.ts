import {
  actingAs,
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '@monity/core/testing';
import { createPool, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveHub } from '../src/live/liveHub.ts';
import { liveRoute } from '../src/live/liveRoute.ts';
import { openEventStream } from './support/eventStreamClient.ts';

const TENANT = '00000000-0000-4000-8000-0000000000b1';

let database: TestDatabase;
let db: DatabasePool;
let hub: LiveHub;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await createPool(database.url, { maximumPoolSize: 2 });
  hub = new LiveHub(db);
  server = await startTestServer({
    routes: [liveRoute(hub, { intervalMs: 100, heartbeatMs: 150 })],
    authenticate: actingAs('viewer', TENANT),
  });
});
afterAll(async () => {
  await server.close();
  await db.end();
  await database.drop();
});

describe('the live route', () => {
  it('beats while nothing changes, and forgets its subscriber when the client leaves', async () => {
    const stream = await openEventStream(`${server.url}/api/live`);
    await stream.next('ready');
    expect(hub.subscribers).toBe(1);

    await expect.poll(() => stream.comments.length, { timeout: 2_000 }).toBeGreaterThan(1);
    expect(stream.comments.every((comment) => comment === 'heartbeat')).toBe(true);
    stream.close();

    await expect.poll(() => hub.subscribers).toBe(0);
  });

  it("passes on the changes of the principal's tenant, or of any tenant", async () => {
    const stream = await openEventStream(`${server.url}/api/live`);
    await stream.next('ready');

    hub.publish({ projection: 'ledger', tenants: ['someone else'], position: '1:1' });
    hub.publish({ projection: 'groups', tenants: ['x', TENANT], position: '1:2' });
    await stream.next('read-models');
    hub.publish({ projection: 'ledger', tenants: null, position: '1:3' });
    await stream.next('read-models', (data) => (data as { position: string }).position === '1:3');

    expect(stream.events.filter((e) => e.event === 'read-models').map((e) => e.data)).toEqual([
      '{"projections":["groups"],"position":"1:2"}',
      '{"projections":["ledger"],"position":"1:3"}',
    ]);
    stream.close();
  });
});
