import type { PackageJson } from './discoverPlugins.ts';
import { isRecord } from './isRecord.ts';

/** The conditions a plugin is imported under: the host runs on Node and uses `import()`. */
const CONDITIONS = new Set(['import', 'node', 'default']);

/**
 * The module `import(packageName)` would load, relative to the package folder: the `.` target
 * of `exports`, else `main`, else `index.js`. Written by hand because `import.meta.resolve`
 * with a parent URL is still behind a flag on Node 20, and plugins are not always reachable
 * through node_modules (workspace folders, test fixtures).
 */
export function packageEntry(packageJson: PackageJson): string {
  const exported = exportTarget(rootExport(packageJson.exports));
  if (exported) return exported;
  return typeof packageJson.main === 'string' ? packageJson.main : 'index.js';
}

/** `exports` is either the root target itself or a map of subpaths that may hold `.`. */
function rootExport(exports: unknown): unknown {
  if (!isRecord(exports)) return exports;
  const subpaths = Object.keys(exports).some((key) => key.startsWith('.'));
  return subpaths ? exports['.'] : exports;
}

/** Follows conditions in the order the package lists them, as Node does. */
function exportTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map(exportTarget).find((found) => found);
  if (!isRecord(target)) return undefined;

  for (const [condition, next] of Object.entries(target)) {
    const found = CONDITIONS.has(condition) ? exportTarget(next) : undefined;
    if (found) return found;
  }
  return undefined;
}
