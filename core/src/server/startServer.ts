import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { asValue } from 'awilix';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { MonityConfig } from '../config/configSchema.ts';
import { migrate } from '../database/migrate.ts';
import { MonityError } from '../errors.ts';
import { createHttpApp, type RouteDefinition } from '../http/index.ts';
import { endEventStreams } from '../http/eventStream.ts';
import { accessRoutes } from '../access/accessRoutes.ts';
import { ImportJobRunner } from '../ledger/import/importJobRunner.ts';
import { ledgerRoutes } from '../ledger/ledgerRoutes.ts';
import { groupRoutes } from '../groups/groupRoutes.ts';
import { channelRoutes } from '../channels/channelRoutes.ts';
import { ServerDeliveries } from '../channels/deliveries.ts';
import { MessageSender } from '../messages/messageSender.ts';
import { dispatchRoutes } from '../dispatch/dispatchRoutes.ts';
import { processRoutes } from '../processes/processRoutes.ts';
import { holdRoutes } from '../processes/holdRoutes.ts';
import { approvalRoutes } from '../messages/approvalRoutes.ts';
import { exchangeRateRoutes } from '../rates/exchangeRateRoutes.ts';
import { templateRoutes } from '../templates/templateRoutes.ts';
import { authenticate } from '../access/authenticate.ts';
import { Mailer } from '../messaging/mailer.ts';
import { discoverPlugins, loadPlugins } from '../plugins/index.ts';
import { closeContainer, createContainer } from './createContainer.ts';
import { createDispatcher } from './createDispatcher.ts';
import { dayIn } from '../ledger/tenantToday.ts';
import { createDemoTenant, type DemoLedger, type DemoLogin } from './demoTenant.ts';
import { openDatabase } from './openDatabase.ts';
import { webApp } from './webApp.ts';

/** The folder holding the workspaces (core/, projections/, plugins/…). */
const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningServer {
  url: string;
  /** The demo owner's login, when this start created the demo company. */
  demo: DemoLogin | undefined;
  /** Every API route served, as the OpenAPI document lists them. */
  routes: RouteDefinition[];
  stop(): Promise<void>;
}

/**
 * Starts Monity: the database (embedded unless configured), migrations, the container, the
 * plugins and read models, and the HTTP server. Everything started is stopped again, in
 * reverse order, by `stop` or when a later step fails.
 */
export interface StartOptions {
  /** Fills the demo company's ledger when this start creates the company. */
  demoLedger?: DemoLedger;
  /** The server's "now"; tests move it to see what days and weeks bring. */
  clock?: Clock;
}

export async function startServer(
  config: MonityConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
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

    const container = await createContainer(config, logger, database.url, options.clock);
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
    container.register({ mailer: asValue(new Mailer(registry.channels, config.emailChannel)) });
    const { channelAccounts, dispatcher } = createDispatcher(
      container,
      registry.channels,
      config,
      logger,
    );
    container.register({
      channelAccounts: asValue(channelAccounts),
      dispatcher: asValue(dispatcher),
      messageSender: asValue(
        new MessageSender({
          tenantDb: container.cradle.tenantDb,
          accounts: channelAccounts,
          publicUrl: config.publicUrl,
          onEnqueued: () => dispatcher.wake(),
        }),
      ),
      deliveries: asValue(
        new ServerDeliveries({
          pool: container.cradle.pgPool,
          eventStore: container.cradle.eventStore,
          accounts: channelAccounts,
          clock: container.cradle.clock,
        }),
      ),
    });
    const { pgPool, ledgerWriter, clock } = container.cradle;
    const importJobRunner = new ImportJobRunner({
      pgPool,
      ledgerWriter,
      clock,
      logger,
      importers: () => registry.importers.values(),
      dataDir: config.dataDir,
      leaseSeconds: config.importLeaseSeconds,
    });
    container.register({ importJobRunner: asValue(importJobRunner) });
    for (const hook of registry.startHooks) await hook();
    stops.push(async () => {
      for (const hook of [...registry.stopHooks].reverse()) await hook();
    });

    importJobRunner.start();
    stops.push(() => importJobRunner.stop());
    dispatcher.start();
    stops.push(() => dispatcher.stop());

    const demo = config.demoTenant ? await createDemoTenant(container.cradle) : undefined;
    if (demo && options.demoLedger) {
      const today = dayIn('Europe/Warsaw', container.cradle.clock);
      const { ledgerWriter: writer, eventStore } = container.cradle;
      await options.demoLedger({ tenantId: demo.tenantId, writer, eventStore, today });
      logger.info('demo ledger loaded');
    }
    const web = config.serveWeb ? await webApp(WORKSPACE_ROOT, logger) : undefined;
    const routes = [
      ...accessRoutes,
      ...ledgerRoutes,
      ...groupRoutes,
      ...templateRoutes,
      ...channelRoutes,
      ...dispatchRoutes,
      ...processRoutes,
      ...holdRoutes,
      ...approvalRoutes,
      ...exchangeRateRoutes,
      ...registry.routes,
    ];
    const app = createHttpApp({
      container,
      logger,
      routes,
      authenticate: authenticate(),
      ...(web ? { fallback: web } : {}),
      checkReadiness: async () => void (await container.cradle.pgPool.query('SELECT 1')),
    });
    const server = await listen(app.callback(), config);
    stops.push(() => close(server, () => endEventStreams(app)));
    const { port } = server.address() as AddressInfo;
    return { url: `http://${displayHost(config.host)}:${port}`, demo, routes, stop };
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

// Event streams stay open until ended: end them, or the server would wait for their clients.
function close(server: Server, endStreams: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    endStreams();
  });
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
}
