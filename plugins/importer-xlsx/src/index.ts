import type { ImporterPluginContext } from '@monity/core';
import { xlsxImporter } from './xlsxImporter.ts';

/** Reads Excel workbooks (XLSX): the first worksheet, as a table under a header row. */
export function register(context: ImporterPluginContext): void {
  context.importers.register(xlsxImporter);
}
