import type { ImporterPluginContext } from '@monity/core';
import { csvImporter } from './csvImporter.ts';

/** Reads CSV and delimited text files, as Polish accounting and ERP systems export them. */
export function register(context: ImporterPluginContext): void {
  context.importers.register(csvImporter);
}
