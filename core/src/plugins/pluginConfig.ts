import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Logger } from 'pino';
import { isRecord } from './isRecord.ts';
import { PluginError } from './pluginError.ts';
import type { PluginManifest } from './pluginManifest.ts';

/**
 * Validates a plugin's configuration against its schema and returns a copy with the schema's
 * defaults applied (the caller's object is left untouched). Without a schema the configuration
 * passes as it is. Values are not coerced: they come from JSON, so they already have types.
 */
export function validatePluginConfig(
  manifest: PluginManifest,
  raw: unknown,
  logger: Logger,
): Record<string, unknown> {
  const config: unknown = raw === undefined ? {} : structuredClone(raw);
  if (!isRecord(config)) {
    throw new PluginError('plugin_config_invalid', manifest.name, 'configuration must be object');
  }

  const validate = compileConfigSchema(manifest, logger);
  if (validate && !validate(config)) {
    const problem = describeConfigError(validate.errors?.[0]);
    throw new PluginError('plugin_config_invalid', manifest.name, problem);
  }
  return config;
}

function compileConfigSchema(manifest: PluginManifest, logger: Logger): ValidateFunction | null {
  const schema = manifest.configSchema;
  if (!schema) return null;
  if (schema.type !== 'object') {
    const problem = 'configSchema must describe an object ("type": "object")';
    throw new PluginError('plugin_manifest_invalid', manifest.name, problem);
  }

  // One Ajv per plugin: two plugins may well give their schemas the same $id.
  const ajv = new Ajv({ useDefaults: true, allErrors: false, logger: ajvLogger(logger) });
  addFormats.default(ajv);
  try {
    return ajv.compile(schema);
  } catch (error) {
    const problem = `configSchema is not a valid JSON Schema: ${(error as Error).message}`;
    throw new PluginError('plugin_manifest_invalid', manifest.name, problem, { cause: error });
  }
}

/** One line naming the setting; the value itself is left out, as it may be a password. */
function describeConfigError(error: ErrorObject | undefined): string {
  if (!error) return 'configuration is invalid';

  const { missingProperty, additionalProperty } = error.params as Record<string, unknown>;
  const property = missingProperty ?? additionalProperty;
  const path = [...pointerSegments(error.instancePath), ...(property ? [String(property)] : [])];
  const subject = path.length > 0 ? `setting "${path.join('.')}"` : 'configuration';
  return `${subject} ${problem(error)}`;
}

function problem(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a known setting';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return error.message ?? 'is invalid';
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Ajv's strict-mode warnings are meant for the plugin's author: they go to its logger. */
function ajvLogger(logger: Logger) {
  const write = (level: 'debug' | 'warn' | 'error') => (message: unknown) =>
    logger[level]({ source: 'configSchema' }, String(message));
  return { log: write('debug'), warn: write('warn'), error: write('error') };
}
