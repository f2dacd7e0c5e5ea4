import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './startTestServer.ts';
import { whoAmI } from './testRoutes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ routes: [whoAmI] });
  });
  afterAll(() => server.close());

  it('is generated as a UUID when the request has none, and echoed', async () => {
    const response = await fetch(`${server.url}/api/whoami`);

    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    expect(await response.json()).toEqual({ requestId });
  });

  it('is taken from a sane incoming header', async () => {
    const incoming = 'edge-01.req_42.A';

    const response = await fetch(`${server.url}/api/whoami`, {
      headers: { 'X-Request-Id': incoming },
    });

    expect(response.headers.get('x-request-id')).toBe(incoming);
    expect(await response.json()).toEqual({ requestId: incoming });
  });

  it.each([
    ['unsafe characters', 'id with spaces<script>'],
    ['more than 128 characters', 'a'.repeat(129)],
  ])('is replaced when the incoming one has %s', async (_, incoming) => {
    const response = await fetch(`${server.url}/api/whoami`, {
      headers: { 'X-Request-Id': incoming },
    });

    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });

  it('is on the access log line of its request', async () => {
    const response = await fetch(`${server.url}/api/whoami`);
    const requestId = response.headers.get('x-request-id');

    const line = server.logs.find((log) => log.requestId === requestId);
    expect(line).toMatchObject({ msg: 'request handled', path: '/api/whoami' });
  });
});
