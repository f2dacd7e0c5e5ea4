import type { RouteDefinition } from '../http/defineRoute.ts';
import type { Channel, Connector, Importer, LifecycleHook, ReadModel } from './pluginContract.ts';
import { PluginError } from './pluginError.ts';

/** What each registry holds. */
export interface Contributions {
  channels: Channel;
  importers: Importer;
  connectors: Connector;
  readModels: ReadModel;
}

export type ContributionSlot = keyof Contributions;

const NOUN: Record<ContributionSlot, string> = {
  channels: 'channel',
  importers: 'importer',
  connectors: 'connector',
  readModels: 'read model',
};

/**
 * Everything plugins contributed, keyed `<pluginName>/<name>` (e.g. `@monity/plugin-smtp/email`).
 * Package names are unique on npm, so two plugins can never claim the same key, and the key
 * says which package serves it; a plugin registering one name twice is rejected.
 */
export class PluginRegistry {
  readonly channels: ReadonlyMap<string, Channel> = new Map();
  readonly importers: ReadonlyMap<string, Importer> = new Map();
  readonly connectors: ReadonlyMap<string, Connector> = new Map();
  readonly readModels: ReadonlyMap<string, ReadModel> = new Map();
  readonly routes: RouteDefinition[] = [];
  readonly startHooks: LifecycleHook[] = [];
  readonly stopHooks: LifecycleHook[] = [];

  /** Adds one contribution and returns its key. */
  add<Slot extends ContributionSlot>(
    slot: Slot,
    plugin: string,
    item: Contributions[Slot],
  ): string {
    const name: unknown = (item as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '') {
      throw new PluginError(
        'plugin_contribution_invalid',
        plugin,
        `a ${NOUN[slot]} needs a non-empty name`,
      );
    }

    const key = `${plugin}/${name}`;
    const map = this[slot] as Map<string, Contributions[Slot]>;
    if (map.has(key)) {
      throw new PluginError(
        'plugin_duplicate',
        plugin,
        `${NOUN[slot]} "${name}" is registered twice`,
      );
    }
    map.set(key, item);
    return key;
  }
}
