import { afterEach, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './startTestServer.ts';

describe('health and readiness', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());

  it('answers /health with ok even when not ready', async () => {
    server = await startTestServer({ checkReadiness: () => Promise.reject(new Error('no db')) });

    const response = await fetch(`${server.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with ready when the check passes', async () => {
    server = await startTestServer({ checkReadiness: async () => {} });

    const response = await fetch(`${server.url}/ready`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('answers /ready with a 503 not_ready problem when the check fails', async () => {
    server = await startTestServer({
      checkReadiness: () => Promise.reject(new Error('password authentication failed')),
    });

    const response = await fetch(`${server.url}/ready`);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 503, code: 'not_ready' });
    expect(JSON.stringify(problem)).not.toContain('password');
  });
});
