import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { MonityError } from '../errors.ts';
import { settings, type MonityConfig } from './configSchema.ts';

type Setting = keyof typeof settings;

export class ConfigError extends MonityError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, allErrors: false });
const validate = ajv.compile<MonityConfig>({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(settings).map(([key, s]) => [key, s.schema])),
});

/**
 * Reads the settings from the environment, over an optional JSON file (`MONITY_CONFIG_FILE`,
 * or `monity.config.json` in the working folder when it exists), and validates them.
 * A bad value throws a ConfigError whose message is one line naming the setting.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): MonityConfig {
  const candidate: Record<string, unknown> = { ...readConfigFile(env, cwd) };
  for (const [key, setting] of Object.entries(settings)) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '') candidate[key] = fromEnv(key as Setting, raw);
  }

  if (!validate(candidate)) throw new ConfigError(describe(validate.errors?.[0], candidate));
  return { ...candidate, dataDir: resolve(cwd, candidate.dataDir) };
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string): Record<string, unknown> {
  const named = env.MONITY_CONFIG_FILE;
  const path = resolve(cwd, named ?? 'monity.config.json');
  if (!named && !existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the file must hold one JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`Configuration file ${path}: ${(error as Error).message}`);
  }
}

function fromEnv(key: Setting, raw: string): unknown {
  if (key !== 'plugins') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`Setting ${settings.plugins.env} must be JSON`);
  }
}

function describe(error: ErrorObject | undefined, candidate: Record<string, unknown>): string {
  if (!error) return 'Invalid configuration';
  const [, key, ...rest] = error.instancePath.split('/');
  const setting = settings[key as Setting];
  if (!setting) {
    const unknown = error.params.additionalProperty as string | undefined;
    return `Unknown setting "${unknown ?? error.instancePath}" in the configuration file`;
  }
  const where = rest.length > 0 ? `${setting.env} (${rest.join('.')})` : setting.env;
  const got = rest.length === 0 ? ` (got ${JSON.stringify(candidate[key as Setting])})` : '';
  return `Setting ${where} (${key}) ${error.message ?? 'is invalid'}${got}`;
}
