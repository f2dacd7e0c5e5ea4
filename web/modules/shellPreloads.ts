import { defineNuxtModule } from 'nuxt/kit';

/** The signed-in pages' layout: every page but the public ones shows inside it. */
const LAYOUT = 'layouts/default.vue';

/**
 * The page shell preloads the entry and the chunks it imports. The layout is imported only
 * once the route is resolved and the session known; listed among the entry's imports in the
 * build manifest, it is preloaded by the shell (with the chunks it imports) while the entry
 * loads, so it has been fetched and compiled when it is rendered. So is the chunk of code the
 * signed-in pages share (sharedChunks.ts). The entry itself is unchanged.
 */
export default defineNuxtModule({
  meta: { name: 'monity-shell-preloads' },
  setup(_options, nuxt) {
    nuxt.hook('build:manifest', (manifest) => {
      const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
      const shared = Object.keys(manifest).filter((id) => manifest[id]!.name === 'shared');
      if (!entry || !manifest[LAYOUT])
        throw new Error(`Build manifest: no entry, or no ${LAYOUT}.`);
      const preloaded = [LAYOUT, ...shared];
      entry.imports = [...(entry.imports ?? []), ...preloaded];
      for (const id of preloaded) {
        for (const chunk of [id, ...(manifest[id]!.imports ?? [])]) manifest[chunk]!.preload = true;
      }
    });
  },
});
