import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './startTestServer.ts';
import { listInvoices } from './testRoutes.ts';

describe('access log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ routes: [listInvoices] });
  });
  afterAll(() => server.close());

  it('writes one structured line per request, without the query string', async () => {
    const response = await fetch(`${server.url}/api/invoices?limit=5`);
    const requestId = response.headers.get('x-request-id');

    const lines = server.logs.filter((log) => log.requestId === requestId);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request handled',
        requestId,
        method: 'GET',
        path: '/api/invoices',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('records the status of a failed request as answered', async () => {
    const response = await fetch(`${server.url}/nowhere`, { method: 'DELETE' });
    const requestId = response.headers.get('x-request-id');

    const line = server.logs.find((log) => log.requestId === requestId);
    expect(line).toMatchObject({ method: 'DELETE', path: '/nowhere', status: 404 });
  });
});
