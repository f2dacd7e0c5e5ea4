import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@monity/core';
import { createTestDatabase, signUp, type TestDatabase } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMonity, type MonityProcess } from '@monity/core/testing';
import { openEventStream } from './support/eventStreamClient.ts';

describe('live updates across server processes', () => {
  let database: TestDatabase;
  let dataDir: string;
  const processes: MonityProcess[] = [];

  const start = async () => {
    const env = {
      PORT: String(await findFreePort()),
      DATABASE_URL: database.url,
      MONITY_DATA_DIR: dataDir,
      MONITY_DEMO_TENANT: 'false',
      MONITY_SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
    };
    const monity = startMonity(env, dataDir);
    processes.push(monity);
    return { monity, url: await monity.url };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'monity-live-'));
  });
  afterAll(async () => {
    processes.forEach((monity) => monity.child.kill('SIGKILL'));
    await Promise.all(processes.map((monity) => monity.exited));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'announces a write through one process on a stream opened to another',
    { timeout: 60_000 },
    async () => {
      const [a, b] = await Promise.all([start(), start()]);
      const { browser } = await signUp(a.url, 'Dwa Procesy');
      const stream = await openEventStream(`${b.url}/api/live`, { cookie: browser.cookie! });
      expect(stream.status).toBe(200);
      await stream.next('ready');

      const response = await browser.request('POST', '/api/ledger/batch', {
        customers: [{ id: 'K1', name: 'Hurtownia Żółw' }],
      });
      expect(response.status).toBe(200);

      const changed = await stream.next('read-models', (data) =>
        (data as { projections: string[] }).projections.includes('ledger'),
      );
      expect(changed).toMatchObject({ position: expect.stringMatching(/^\d+:\d+$/) });

      // A stopping server ends its open streams rather than wait for their clients.
      b.monity.child.kill('SIGTERM');
      await stream.ended;
      expect(await b.monity.exited).toBe(0);
    },
  );
});
