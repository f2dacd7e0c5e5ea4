import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { MonityConfig } from '../config/configSchema.ts';
import { migrate } from '../database/migrate.ts';
import { MonityError } from '../errors.ts';
import { createHttpApp } from '../http/index.ts';
import { discoverPlugins, loadPlugins } from '../plugins/index.ts';
import { closeContainer, createContainer } from './createContainer.ts';
import { openDatabase } from './openDatabase.ts';

/** The folder holding the workspaces (core/, projections/, plugins/…). */
const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Monity: the database (embedded unless configured), migrations, the container, the
 * plugins and read models, and the HTTP server. Everything started is stopped again, in
 * reverse order, by `stop` or when a later step fails.
 */
export async function startServer(config: MonityConfig, logger: Logger): Promise<RunningServer> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      await step().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
    }
  };

  try {
    const database = await openDatabase(config, logger);
    stops.push(database.stop);
    await migrate(database.url, logger);

    const container = await createContainer(config, logger, database.url);
    stops.push(() => closeContainer(container));
    const discovered = await discoverPlugins({
      rootDir: WORKSPACE_ROOT,
      packages: config.plugins.packages,
    });
    const plugins = await loadPlugins({
      plugins: discovered,
      config: config.plugins.config,
      container,
      logger,
    });
    stops.push(plugins.dispose);
    const { registry } = plugins;
    for (const hook of registry.startHooks) await hook();
    stops.push(async () => {
      for (const hook of [...registry.stopHooks].reverse()) await hook();
    });

    const app = createHttpApp({
      container,
      logger,
      routes: registry.routes,
      checkReadiness: async () => void (await container.cradle.pgPool.query('SELECT 1')),
    });
    const server = await listen(app.callback(), config);
    stops.push(() => close(server));
    const { port } = server.address() as AddressInfo;
    return { url: `http://${displayHost(config.host)}:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(handler: RequestListener, config: MonityConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      const message = `Port ${config.port} is in use: set PORT to a free one`;
      reject(new MonityError('port_in_use', message, 500, { cause: error }));
    });
    server.listen(config.port, config.host, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
}
