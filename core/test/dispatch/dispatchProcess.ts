/**
 * The outbox's dispatcher in a process of its own, for the crash test to kill
 * (dispatchCrash.e2e.spec.ts). It composes what the server composes for dispatch: configuration
 * from the environment, the container's pools and event store, the channel plugins it is given
 * and `createDispatcher`; no HTTP, read models or jobs, so it starts in a fraction of a
 * server's time. It prints `ready <dispatcher id>` once connected, and dispatches from the
 * first line on its standard input: the test readies the next process while the last one runs.
 *
 * Arguments: the workspace root, then each channel plugin to load as `<name>[=<entry>]`, the
 * entry being the plugin's bundled module when the test runs this file bundled.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config/loadConfig.ts';
import { discoverPlugins, loadPlugins, type PluginPackage } from '../../src/plugins/index.ts';
import { createContainer } from '../../src/server/createContainer.ts';
import { createDispatcher } from '../../src/server/createDispatcher.ts';
import { createLogger } from '../../src/server/createLogger.ts';

const [rootDir, ...wanted] = process.argv.slice(2);
const entries = new Map(wanted.map((arg) => [arg.split('=')[0]!, arg.split('=')[1]]));
const withEntry = (pkg: PluginPackage, entry: string | undefined): PluginPackage => {
  if (!entry) return pkg;
  const monity = { ...(pkg.packageJson.monity as object), entry };
  return { ...pkg, packageJson: { ...pkg.packageJson, monity } };
};

const config = loadConfig();
const logger = createLogger(config.logLevel);
const container = await createContainer(config, logger, config.databaseUrl!);
const discovered = await discoverPlugins({ rootDir: rootDir! });
const plugins = await loadPlugins({
  plugins: discovered
    .filter((pkg) => entries.has(pkg.name))
    .map((pkg) => withEntry(pkg, entries.get(pkg.name))),
  config: config.plugins.config,
  container,
  logger,
});
const { dispatcher } = createDispatcher(container, plugins.registry.channels, config, logger);
const { pgPool, appPool } = container.cradle;
await Promise.all([pgPool.query('SELECT 1'), appPool.query('SELECT 1')]);

createInterface({ input: process.stdin }).once('line', () => dispatcher.start());
process.stdout.write(`ready ${dispatcher.id}\n`);
