import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { PluginError } from './pluginError.ts';

/** The fields of package.json the host reads; anything may be missing or of the wrong type. */
export interface PackageJson {
  name?: unknown;
  version?: unknown;
  main?: unknown;
  exports?: unknown;
  monity?: unknown;
}

/** A package that declares itself a Monity plugin; its manifest is not validated yet. */
export interface PluginPackage {
  name: string;
  version: string;
  /** Absolute path of the package folder, symbolic links resolved. */
  dir: string;
  packageJson: PackageJson;
}

export interface DiscoverPluginsOptions {
  /** The repository (or installation) root: workspaces and node_modules are found from here. */
  rootDir: string;
  /** npm packages named in the configuration (`plugins.packages`). */
  packages?: readonly string[];
}

/**
 * Finds the plugins of an installation: workspace packages under `plugins/*` and the read side
 * in `projections/` when their package.json has a `monity` field, and every package named in
 * the configuration, which must have one. The result is sorted by name, so plugins load in the
 * same order on every start.
 */
export async function discoverPlugins(options: DiscoverPluginsOptions): Promise<PluginPackage[]> {
  const workspace = await findWorkspacePlugins(options.rootDir);
  const named = await Promise.all(
    (options.packages ?? []).map((name) => findNamedPlugin(options.rootDir, name)),
  );

  return uniqueByName([...workspace, ...named]).sort((a, b) => compare(a.name, b.name));
}

async function findWorkspacePlugins(rootDir: string): Promise<PluginPackage[]> {
  const pluginsDir = join(rootDir, 'plugins');
  const folders = existsSync(pluginsDir) ? await readdir(pluginsDir) : [];
  const candidates = [
    ...folders.map((folder) => join(pluginsDir, folder, 'package.json')),
    join(rootDir, 'projections', 'package.json'),
  ].filter((path) => existsSync(path));

  const packages = await Promise.all(candidates.map((path) => readPluginPackage(path)));
  return packages.filter((pkg): pkg is PluginPackage => pkg !== undefined);
}

async function findNamedPlugin(rootDir: string, name: string): Promise<PluginPackage> {
  if (!NPM_NAME.test(name)) {
    throw new PluginError('plugin_not_found', name, 'is not a valid npm package name');
  }

  const pkg = await readPluginPackage(resolvePackageJson(rootDir, name));
  if (!pkg) {
    const problem = 'package.json has no "monity" field, so the package is not a Monity plugin';
    throw new PluginError('plugin_manifest_invalid', name, problem);
  }
  return pkg;
}

const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Node's own resolution first; packages whose `exports` hide package.json make it throw, and
 * for those (and only then) the node_modules folders from `rootDir` upwards are searched.
 */
function resolvePackageJson(rootDir: string, name: string): string {
  try {
    return createRequire(join(rootDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    const found = ancestors(resolve(rootDir))
      .map((dir) => join(dir, 'node_modules', name, 'package.json'))
      .find((path) => existsSync(path));
    if (found) return found;
  }
  const problem = `package not found from ${rootDir}; install it with "npm install ${name}"`;
  throw new PluginError('plugin_not_found', name, problem);
}

function ancestors(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

/** Reads a package.json; `undefined` when it is not a plugin (no `monity` field). */
async function readPluginPackage(path: string): Promise<PluginPackage | undefined> {
  const packageJson = await readJson(path);
  if (packageJson.monity === undefined) return undefined;

  const { name, version } = packageJson;
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new PluginError('plugin_manifest_invalid', path, 'package.json needs a name and version');
  }
  return { name, version, dir: await realpath(dirname(path)), packageJson };
}

async function readJson(path: string): Promise<PackageJson> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
    return parsed as PackageJson;
  } catch (error) {
    const problem = `cannot read package.json: ${(error as Error).message}`;
    throw new PluginError('plugin_manifest_invalid', path, problem, { cause: error });
  }
}

/** A named package that is also a workspace package is one plugin, not two. */
function uniqueByName(packages: PluginPackage[]): PluginPackage[] {
  const byName = new Map<string, PluginPackage>();
  for (const pkg of packages) {
    const seen = byName.get(pkg.name);
    if (seen && seen.dir !== pkg.dir) {
      const problem = `found twice, in ${seen.dir} and in ${pkg.dir}`;
      throw new PluginError('plugin_duplicate', pkg.name, problem);
    }
    byName.set(pkg.name, pkg);
  }
  return [...byName.values()];
}

/** Code-point order: unlike localeCompare, it cannot change with the machine's locale. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
