import type { AwilixContainer } from 'awilix';
import type { Logger } from 'pino';
import type { RouteDefinition } from '../http/defineRoute.ts';
import type { LifecycleHook, PluginContext, PluginKind } from './pluginContract.ts';
import { PluginError } from './pluginError.ts';
import type { PluginManifest } from './pluginManifest.ts';
import type { ContributionSlot, Contributions, PluginRegistry } from './pluginRegistry.ts';

/** Each kind gets the one registration port it needs and no other. */
const SLOT_OF_KIND = {
  channel: 'channels',
  importer: 'importers',
  connector: 'connectors',
  'read-models': 'readModels',
} as const satisfies Record<PluginKind, ContributionSlot>;

export interface PluginHostServices {
  container: AwilixContainer;
  logger: Logger;
  registry: PluginRegistry;
}

/** A context handed to one `register` call; `close` ends its right to register. */
export interface PluginSession {
  context: PluginContext;
  close(): void;
}

export function createPluginSession(
  manifest: PluginManifest,
  config: Record<string, unknown>,
  { container, logger, registry }: PluginHostServices,
): PluginSession {
  const slot = SLOT_OF_KIND[manifest.kind];
  let open = true;
  // Consumers read the registry once at start: a late registration would go unseen.
  const whileOpen =
    <T>(what: string, accept: (item: T) => void) =>
    (item: T) => {
      if (!open) {
        const problem = `registered to ${what} after its register() had settled`;
        throw new PluginError('plugin_register_failed', manifest.name, problem);
      }
      accept(item);
    };
  const port = {
    register: whileOpen(slot, (item: Contributions[typeof slot]) =>
      registry.add(slot, manifest.name, item),
    ),
  };
  const routes = {
    register: whileOpen('routes', (route: RouteDefinition) => registry.routes.push(route)),
  };
  const lifecycle = {
    onStart: whileOpen('lifecycle', (hook: LifecycleHook) => registry.startHooks.push(hook)),
    onStop: whileOpen('lifecycle', (hook: LifecycleHook) => registry.stopHooks.push(hook)),
  };

  // A computed key loses its link to `kind`; SLOT_OF_KIND is what keeps the two in step.
  const context = {
    kind: manifest.kind,
    name: manifest.name,
    version: manifest.version,
    config,
    logger: logger.child({ plugin: manifest.name }),
    container: container.createScope(),
    routes,
    lifecycle,
    [slot]: port,
  } as unknown as PluginContext;
  return { context, close: () => (open = false) };
}
