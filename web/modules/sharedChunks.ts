import { readFileSync } from 'node:fs';
import { defineNuxtModule } from 'nuxt/kit';

/** What `manualChunks` is told of a module (a part of Rollup's `ModuleInfo`). */
interface ModuleLinks {
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
  importers: readonly string[];
  dynamicImporters: readonly string[];
  isEntry: boolean;
}
type ModuleGraph = (id: string) => ModuleLinks | null;

/** Every module of the build: all are linked to the entry, so all are reached from any one. */
function allModules(graph: ModuleGraph, start: string): string[] {
  const found = new Set([start]);
  for (const id of found) {
    const links = graph(id);
    if (!links) continue;
    for (const next of [
      ...links.importedIds,
      ...links.dynamicallyImportedIds,
      ...links.importers,
      ...links.dynamicImporters,
    ]) {
      found.add(next);
    }
  }
  return [...found];
}

/**
 * For every module, the roots whose static imports reach it: the entry, and each module loaded
 * by `import()` (a page, a layout, a locale's messages, the charts' library).
 */
function rootsByModule(graph: ModuleGraph, start: string): Map<string, Set<string>> {
  const roots = new Map<string, Set<string>>();
  for (const root of allModules(graph, start)) {
    const links = graph(root);
    if (!links || !(links.isEntry || links.dynamicImporters.length > 0)) continue;
    const stack = [root];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      roots.set(id, (roots.get(id) ?? new Set()).add(root));
      stack.push(...(graph(id)?.importedIds ?? []));
    }
  }
  return roots;
}

/** The public layout, and pages that say `public: true` in their `definePageMeta`. */
const isPublic = (id: string): boolean =>
  id.endsWith('/layouts/public.vue') ||
  (/\/pages\/.*\.vue$/.test(id) && /public:\s*true/.test(readFileSync(id, 'utf8')));

/**
 * Fewer, larger chunks. Left to itself, the bundler gives each set of pages that shares a
 * module a chunk of its own: a signed-in page loaded 20–45 files, mostly Nuxt UI and reka-ui
 * components of a few kB each. Here:
 * - `vendor`: what the entry needs, and every library module used by two pages or more;
 * - `shared-public`: the app's own components used by two pages or more, a public one among them;
 * - `shared`: the app's other components used by two pages or more;
 * - the rest stays with the one page (or the charts' library) that uses it.
 * So a signed-in page loads the entry, the layout, `shared` (all preloaded by the shell, see
 * shellPreloads.ts), its own chunk and its locale's messages.
 *
 * Known cost: a module counts as used wherever an import reaches it, and libraries import
 * their parts through an index that names all of them, so `vendor` holds every reka-ui part
 * some page uses, also on pages that do not (the entry grew from 522 to 964 kB, 148 to 224 kB
 * compressed; each page's chunk is a few kB).
 */
export default defineNuxtModule({
  meta: { name: 'monity-shared-chunks' },
  setup(_options, nuxt) {
    const appCode = `${nuxt.options.srcDir}/`;
    nuxt.hook('vite:extendConfig', (config, { isClient }) => {
      const output = config.build?.rollupOptions?.output;
      if (!isClient) return;
      if (!output || Array.isArray(output))
        throw new Error('Vite client config: no single output.');
      let roots: Map<string, Set<string>> | undefined;
      output.manualChunks = (id, graph) => {
        roots ??= rootsByModule(graph.getModuleInfo, id);
        const mine = [...(roots.get(id) ?? [])];
        if (mine.some((root) => graph.getModuleInfo(root)?.isEntry)) return 'vendor';
        if (mine.length < 2) return undefined;
        if (!id.startsWith(appCode)) return 'vendor';
        return mine.some(isPublic) ? 'shared-public' : 'shared';
      };
    });
  },
});
