export * from './pluginContract.ts';
export { discoverPlugins } from './discoverPlugins.ts';
export { cellsByHeader, uniqueHeaders } from './importHeaders.ts';
export type { DiscoverPluginsOptions, PackageJson, PluginPackage } from './discoverPlugins.ts';
export { loadPlugins } from './loadPlugins.ts';
export type { LoadPluginsOptions, LoadedPlugins } from './loadPlugins.ts';
export { PluginError, type PluginErrorCode } from './pluginError.ts';
export type { PluginManifest } from './pluginManifest.ts';
export { PluginRegistry, type ContributionSlot, type Contributions } from './pluginRegistry.ts';
