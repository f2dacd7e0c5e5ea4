import { asValue, type AwilixContainer } from 'awilix';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { PluginPackage } from './discoverPlugins.ts';
import { validatePluginConfig } from './pluginConfig.ts';
import { createPluginSession, type PluginHostServices } from './pluginContext.ts';
import type { PluginRegister } from './pluginContract.ts';
import { PluginError } from './pluginError.ts';
import { readPluginManifest, type PluginManifest } from './pluginManifest.ts';
import { PluginRegistry } from './pluginRegistry.ts';

export interface LoadPluginsOptions {
  /** What `discoverPlugins` found, in the order to load them. */
  plugins: readonly PluginPackage[];
  /** Configuration by plugin name (`plugins.config`); a plugin left out gets `{}`. */
  config?: Readonly<Record<string, unknown>>;
  /** The root container; each plugin gets a scope of its own. */
  container: AwilixContainer;
  logger: Logger;
}

export interface LoadedPlugins {
  registry: PluginRegistry;
  plugins: PluginManifest[];
  /** Disposes the plugins' container scopes, the last loaded first; call it at shutdown. */
  dispose(): Promise<void>;
}

interface Prepared {
  manifest: PluginManifest;
  config: Record<string, unknown>;
}

/**
 * Validates every plugin's manifest and configuration, then imports each entry and awaits its
 * `register`. All checks run before any plugin code does, so a typo in the configuration stops
 * the start before some plugin has opened connections.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugins> {
  const prepared: Prepared[] = [];
  for (const pkg of options.plugins) prepared.push(await prepare(pkg, options));
  warnAboutStrayConfig(options, prepared);

  const services = { ...options, registry: new PluginRegistry() };
  options.container.register('pluginRegistry', asValue(services.registry));
  const scopes: AwilixContainer[] = [];
  try {
    for (const plugin of prepared) scopes.push(await start(plugin, services));
  } catch (error) {
    await disposeAll(scopes);
    throw error;
  }

  const plugins = prepared.map(({ manifest }) => manifest);
  return { registry: services.registry, plugins, dispose: () => disposeAll(scopes) };
}

async function prepare(pkg: PluginPackage, options: LoadPluginsOptions): Promise<Prepared> {
  const manifest = await readPluginManifest(pkg);
  const raw = options.config?.[manifest.name];
  return { manifest, config: validatePluginConfig(manifest, raw, options.logger) };
}

async function start(
  { manifest, config }: Prepared,
  services: PluginHostServices,
): Promise<AwilixContainer> {
  const register = await importRegister(manifest);
  const session = createPluginSession(manifest, config, services);
  try {
    await register(session.context);
  } catch (error) {
    if (error instanceof PluginError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const problem = `register() failed: ${reason}`;
    throw new PluginError('plugin_register_failed', manifest.name, problem, { cause: error });
  } finally {
    session.close();
  }

  const { name: plugin, kind, version } = manifest;
  services.logger.info({ plugin, kind, version }, 'plugin loaded');
  return session.context.container;
}

async function importRegister(manifest: PluginManifest): Promise<PluginRegister> {
  const entry = relative(manifest.dir, manifest.entry);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(manifest.entry).href)) as Record<string, unknown>;
  } catch (error) {
    const problem = `cannot import ${entry}: ${(error as Error).message}`;
    throw new PluginError('plugin_import_failed', manifest.name, problem, { cause: error });
  }

  if (typeof module.register !== 'function') {
    const problem = `${entry} does not export a register function`;
    throw new PluginError('plugin_entry_invalid', manifest.name, problem);
  }
  return module.register as PluginRegister;
}

/** Configuration under a name no plugin has is most likely a misspelt package name. */
function warnAboutStrayConfig(options: LoadPluginsOptions, prepared: Prepared[]): void {
  const loaded = new Set(prepared.map(({ manifest }) => manifest.name));
  for (const name of Object.keys(options.config ?? {})) {
    if (!loaded.has(name)) options.logger.warn({ plugin: name }, 'configuration for no plugin');
  }
}

async function disposeAll(scopes: AwilixContainer[]): Promise<void> {
  for (const scope of [...scopes].reverse()) await scope.dispose();
}
