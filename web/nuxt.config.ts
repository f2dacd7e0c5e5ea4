import { fileURLToPath } from 'node:url';
import type { NitroConfig } from 'nitropack/types';
import { EARLY_SHELL_SCRIPT } from './app/utils/earlyShell';

// Nuxt 4.4.5 types the `nitro` option with a reduced fallback unless the server builder's
// config type is registered; register nitropack's, so the preset below is type-checked.
declare module '@nuxt/schema' {
  interface NitroTypes {
    config: NitroConfig;
  }
}

// The app renders in the browser only (see README.md: "Rendering"), and is served by the
// Monity server itself through the Node request handler that nitro/nodeHandler.ts exports.
export default defineNuxtConfig({
  compatibilityDate: '2026-01-01',
  modules: ['@nuxt/ui', '@nuxtjs/i18n'],
  ssr: false,
  telemetry: false,
  devtools: { enabled: false },
  // @monity/sdk is TypeScript source that imports its files by their .ts names.
  typescript: { tsConfig: { compilerOptions: { allowImportingTsExtensions: true } } },
  css: ['~/assets/css/main.css'],
  // The charts' library, pre-bundled for `nuxt dev` (client-only components import it lazily).
  vite: { optimizeDeps: { include: ['vue3-apexcharts', 'apexcharts'] } },
  ui: { fonts: false },
  icon: {
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true },
    fallbackToApi: false,
  },
  i18n: {
    strategy: 'prefix_except_default',
    defaultLocale: 'pl',
    detectBrowserLanguage: false,
    // The locale files are compiled at build time, so the browser needs no message compiler
    // (about 18 kB of the entry script every page loads).
    bundle: { dropMessageCompiler: true },
    locales: [
      { code: 'pl', language: 'pl-PL', name: 'Polski', file: 'pl.json' },
      { code: 'en', language: 'en-GB', name: 'English', file: 'en.json' },
    ],
  },
  app: {
    head: {
      htmlAttrs: { lang: 'pl' },
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      script: [{ innerHTML: EARLY_SHELL_SCRIPT }],
    },
  },
  // `nuxt dev` only: the API of a Monity started beside it. Built, the app is served by the
  // Monity server itself and nothing is proxied. Nuxt 4.4.5's dev server fails to start with
  // `ssr: false` ("No entry found in rollupOptions.input"): dev turns rendering off per route.
  $development: {
    ssr: true,
    routeRules: { '/**': { ssr: false } },
    nitro: {
      devProxy: { '/api': process.env.MONITY_API_URL ?? 'http://localhost:3000/api' },
    },
  },
  $production: {
    nitro: {
      preset: 'node-listener',
      entry: fileURLToPath(new URL('./nitro/nodeHandler.ts', import.meta.url)),
      serveStatic: true,
      // Brotli and gzip copies made at build time, sent to browsers that take them: the
      // scripts every page loads go over the wire at about a third of their size.
      compressPublicAssets: { gzip: true, brotli: true },
    },
  },
});
