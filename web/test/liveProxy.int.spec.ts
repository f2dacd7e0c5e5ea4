import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevServer, createNitro, type Nitro, type NitroConfig } from 'nitropack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUp, startAccessServer, type AccessServer } from '../../core/test/support/index.ts';
import { openEventStream } from '../../projections/test/support/eventStreamClient.ts';

type DevConfig = { $development: { nitro: { devProxy: NitroConfig['devProxy'] } } };

/**
 * `nuxt dev` serves the app from Nitro's development server, which hands /api to a Monity
 * started beside it through `devProxy` (nuxt.config.ts). This runs that server, with the
 * proxy exactly as configured, in front of a real Monity: the stream must pass it as it is
 * written. (Built, the app is served by Monity itself and /api passes no proxy.)
 */
describe('the live stream through the development proxy', () => {
  let monity: AccessServer;
  let nitro: Nitro;
  let proxyUrl: string;
  let close: () => Promise<void>;
  let rootDir: string;

  beforeAll(async () => {
    monity = await startAccessServer();
    vi.stubEnv('MONITY_API_URL', `${monity.server.url}/api`);
    vi.stubGlobal('defineNuxtConfig', (config: unknown) => config);
    const config = (await import('../nuxt.config.ts')).default as unknown as DevConfig;
    rootDir = await mkdtemp(join(tmpdir(), 'monity-nitro-'));
    const { devProxy } = config.$development.nitro;
    nitro = await createNitro({ dev: true, rootDir, devProxy, logLevel: 0 });
    const listener = await createDevServer(nitro).listen(0, { hostname: '127.0.0.1' });
    proxyUrl = listener.url.replace(/\/$/, '');
    close = () => listener.close();
  });
  afterAll(async () => {
    await close?.();
    await nitro?.close();
    await monity?.close();
    await rm(rootDir, { recursive: true, force: true });
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('delivers each change as it is sent, uncompressed', async () => {
    const { browser } = await signUp(monity.server.url, 'Przez Proxy');
    const stream = await openEventStream(`${proxyUrl}/api/live`, {
      cookie: browser.cookie!,
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-encoding')).toBeNull();
    await stream.next('ready');

    const posted = performance.now();
    const response = await browser.request('POST', '/api/ledger/batch', {
      customers: [{ id: 'K1', name: 'Hurtownia Żółw' }],
    });
    expect(response.status).toBe(200);

    await stream.next('read-models', (data) =>
      (data as { projections: string[] }).projections.includes('ledger'),
    );
    const arrived = stream.events.find((e) => e.event === 'read-models')!.at;
    expect(arrived - posted).toBeLessThan(2_000);
    stream.close();
  });
});
