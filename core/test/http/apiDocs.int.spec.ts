import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './startTestServer.ts';

describe('API docs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves a Swagger UI page without inline scripts', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('src="/api/docs/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/<script>/);
  });

  it.each(['swagger-ui-bundle.js', 'swagger-initializer.js'])(
    'serves %s as JavaScript',
    async (asset) => {
      const response = await fetch(`${server.url}/api/docs/${asset}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toEqual(expect.any(String));
      expect((await response.text()).length).toBeGreaterThan(100);
    },
  );

  it('points Swagger UI at the OpenAPI document', async () => {
    const script = await (await fetch(`${server.url}/api/docs/swagger-initializer.js`)).text();

    expect(script).toContain("url: '/api/openapi.json'");
  });

  it('serves nothing else from the package', async () => {
    const response = await fetch(`${server.url}/api/docs/package.json`);

    expect(response.status).toBe(404);
  });
});
