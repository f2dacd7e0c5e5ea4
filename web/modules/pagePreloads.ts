import { addServerPlugin, addServerTemplate, createResolver, defineNuxtModule } from 'nuxt/kit';

/** What the shell of a page preloads beside the entry, by path (see runtime/pagePreloads.ts). */
export interface PagePreload {
  /** The page's path as a regular expression, without the locale's prefix. */
  path: string;
  /** Its chunk, and the chunks it imports that the shell does not already preload. */
  files: string[];
}

export interface PagePreloads {
  pages: PagePreload[];
  /** Each locale's messages. */
  messages: Record<string, string>;
  assetsPath: string;
}

/** `pages/groups/[id].vue` → `^/groups/[^/]+$`; `pages/index.vue` → `^/$`. */
function pathPattern(src: string): string {
  const segments = src
    .replace(/^pages\//, '')
    .replace(/\.vue$/, '')
    .split('/')
    .filter((segment) => segment !== 'index')
    .map((segment) => (/^\[[^\].]+\]$/.test(segment) ? '[^/]+' : segment.replace(/[.-]/g, '\\$&')));
  return `^/${segments.join('/')}$`;
}

/**
 * The page shell is one document for every path (the app renders in the browser). The entry,
 * the layout and the shared chunk are preloaded by it (shellPreloads.ts); the page's own chunk
 * and its locale's messages were asked for only once the entry had run, about a third of a
 * page's first load later. The shell of each path now preloads those two as well: the build
 * manifest gives each page's chunk, and a server plugin adds their `modulepreload` links to
 * the shell it serves for a path. A path no page matches gets only its messages.
 */
export default defineNuxtModule({
  meta: { name: 'monity-page-preloads' },
  setup(_options, nuxt) {
    const { baseURL, buildAssetsDir } = nuxt.options.app;
    const preloads: PagePreloads = {
      pages: [],
      messages: {},
      assetsPath: `${baseURL.replace(/\/$/, '')}${buildAssetsDir}`,
    };
    nuxt.hook('build:manifest', (manifest) => {
      const preloaded = (id: string) => manifest[id]?.preload === true || manifest[id]?.isEntry;
      const pages: (PagePreload & { dynamic: number })[] = [];
      for (const [id, chunk] of Object.entries(manifest)) {
        const locale = /\/i18n\/locales\/([a-z]{2})\.json$/.exec(id)?.[1];
        if (locale) preloads.messages[locale] = chunk.file;
        if (!/^pages\/.*\.vue$/.test(id)) continue;
        const imports = (chunk.imports ?? []).filter((imported) => !preloaded(imported));
        pages.push({
          path: pathPattern(id),
          files: [chunk.file, ...imports.map((imported) => manifest[imported]!.file)],
          dynamic: (id.match(/\[/g) ?? []).length,
        });
      }
      // `/groups/new` before `/groups/[id]`.
      preloads.pages = pages
        .sort((a, b) => a.dynamic - b.dynamic)
        .map(({ path, files }) => ({ path, files }));
    });
    addServerTemplate({
      filename: '#monity/page-preloads.mjs',
      getContents: () => `export default ${JSON.stringify(preloads)};`,
    });
    addServerPlugin(createResolver(import.meta.url).resolve('./runtime/pagePreloads'));
  },
});
