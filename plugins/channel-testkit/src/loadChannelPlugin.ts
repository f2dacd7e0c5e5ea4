import { readFile } from 'node:fs/promises';
import { asValue, createContainer } from 'awilix';
import { pino } from 'pino';
import { loadPlugins, type Channel } from '@monity/core';
import { startTestServer, type TestServer } from '@monity/core/testing';
import { FakeDeliveries } from './fakeDeliveries.ts';

export interface LoadedChannelPlugin {
  /** A channel the plugin registered, by its name. */
  channel(name: string): Channel;
  deliveries: FakeDeliveries;
  /** Monity's HTTP app serving the plugin's routes on a real socket (port 0). */
  server: TestServer;
  /** What the plugin logged, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface LoadOptions {
  /** The plugin's configuration, as the operator would give it. */
  config?: Record<string, unknown>;
  /** Monity's `publicUrl`; by default the test server's own address. */
  publicUrl?: string | null;
}

/**
 * Loads the plugin in `dir` through the real host (manifest, config schema, `register`), with
 * `deliveries` in its container, and serves its routes as the server would.
 */
export async function loadChannelPlugin(
  dir: string,
  options: LoadOptions = {},
): Promise<LoadedChannelPlugin> {
  const packageJson = JSON.parse(await readFile(`${dir}/package.json`, 'utf8'));
  const { name, version } = packageJson as { name: string; version: string };
  const deliveries = new FakeDeliveries();
  const monityConfig: { publicUrl?: string } = {};
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const container = createContainer();
  container.register({ deliveries: asValue(deliveries), config: asValue(monityConfig) });

  const loaded = await loadPlugins({
    plugins: [{ name, version, dir, packageJson }],
    config: { [name]: options.config ?? {} },
    container,
    logger,
  });
  const server = await startTestServer({ container, routes: loaded.registry.routes });
  if (options.publicUrl !== null) monityConfig.publicUrl = options.publicUrl ?? server.url;

  return {
    channel(channelName) {
      const found = loaded.registry.channels.get(`${name}/${channelName}`);
      if (!found) throw new Error(`${name} registered no channel "${channelName}"`);
      return found;
    },
    deliveries,
    server,
    logs,
    async close() {
      await server.close();
      await loaded.dispose();
    },
  };
}
