import { MonityError } from '../errors.ts';

export type PluginErrorCode =
  | 'plugin_not_found'
  | 'plugin_manifest_invalid'
  | 'plugin_config_invalid'
  | 'plugin_import_failed'
  | 'plugin_entry_invalid'
  | 'plugin_register_failed'
  | 'plugin_contribution_invalid'
  | 'plugin_duplicate';

/**
 * A plugin that cannot start. The message is one line that begins with the plugin's name, so
 * an operator reading the log of a failed start knows which package and setting to fix.
 */
export class PluginError extends MonityError {
  constructor(
    code: PluginErrorCode,
    readonly plugin: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(code, `Plugin ${plugin}: ${problem}`, 500, options);
  }
}
