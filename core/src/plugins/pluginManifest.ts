import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PluginPackage } from './discoverPlugins.ts';
import { isRecord } from './isRecord.ts';
import { packageEntry } from './packageEntry.ts';
import { PLUGIN_KINDS, type PluginKind } from './pluginContract.ts';
import { PluginError } from './pluginError.ts';

/** A plugin's manifest after validation: what the host loads, and what `/api/plugins` lists. */
export interface PluginManifest {
  name: string;
  version: string;
  kind: PluginKind;
  /** Absolute path of the package folder. */
  dir: string;
  /** Absolute path of the entry module. */
  entry: string;
  configSchema?: Record<string, unknown>;
}

/** Checks the `monity` field of a discovered package and reads its config schema file. */
export async function readPluginManifest(pkg: PluginPackage): Promise<PluginManifest> {
  const field = pkg.packageJson.monity;
  if (!isRecord(field)) invalid(pkg, 'the "monity" field of package.json must be an object');

  const { kind, entry, configSchema } = field;
  if (!isKind(kind)) {
    invalid(
      pkg,
      `unknown kind ${JSON.stringify(kind)}, expected one of ${PLUGIN_KINDS.join(', ')}`,
    );
  }
  if (entry !== undefined && typeof entry !== 'string') invalid(pkg, '"entry" must be a path');

  return {
    name: pkg.name,
    version: pkg.version,
    kind,
    dir: pkg.dir,
    entry: resolve(pkg.dir, entry ?? packageEntry(pkg.packageJson)),
    configSchema: await readConfigSchema(pkg, configSchema),
  };
}

async function readConfigSchema(
  pkg: PluginPackage,
  schema: unknown,
): Promise<Record<string, unknown> | undefined> {
  if (schema === undefined || isRecord(schema)) return schema;
  if (typeof schema !== 'string') invalid(pkg, '"configSchema" must be a JSON Schema or a path');

  try {
    const parsed: unknown = JSON.parse(await readFile(resolve(pkg.dir, schema), 'utf8'));
    if (isRecord(parsed)) return parsed;
  } catch (error) {
    invalid(pkg, `cannot read configSchema ${schema}: ${(error as Error).message}`);
  }
  invalid(pkg, `configSchema ${schema} must hold a JSON object`);
}

function isKind(kind: unknown): kind is PluginKind {
  return PLUGIN_KINDS.includes(kind as PluginKind);
}

function invalid(pkg: PluginPackage, problem: string): never {
  throw new PluginError('plugin_manifest_invalid', pkg.name, problem);
}
