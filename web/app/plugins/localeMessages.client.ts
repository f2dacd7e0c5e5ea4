import { localeCodes, localeLoaders } from '#build/i18n-options.mjs';

/** What the module's generated options hold (#build/i18n-options.mjs is typed `any`). */
const codes = localeCodes as string[];
const loaders = localeLoaders as Record<string, { load: () => Promise<unknown> }[]>;

/**
 * Starts loading the route's locale messages as the app starts, beside the page's code. Left to
 * @nuxtjs/i18n, they are asked for only once the router has loaded the page (its plugin runs
 * after the router's); its own load then finds them loaded (the same module). The locale is
 * the route's prefix (`prefix_except_default`: `/en/...` is English, anything else Polish).
 */
export default defineNuxtPlugin({
  name: 'monity:locale-messages',
  order: -30, // before the router's plugin (`enforce: 'pre'`, -20), which awaits the page
  setup() {
    const prefix = window.location.pathname.split('/')[1] ?? '';
    const locale = codes.includes(prefix) ? prefix : useRuntimeConfig().public.i18n.defaultLocale;
    for (const loader of loaders[locale] ?? []) void loader.load();
  },
});
