import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Router } from '@koa/router';

import type { AppState } from './appState.ts';
import type { OpenApiDocument } from './openApiDocument.ts';

const OWN_DIR = fileURLToPath(new URL('./docs/', import.meta.url));
const SWAGGER_UI_DIR = dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

interface Asset {
  file: string;
  cacheControl: string;
}

const vendorAsset = (name: string): [string, Asset] => [
  name,
  { file: join(SWAGGER_UI_DIR, name), cacheControl: 'public, max-age=86400' },
];

// Only these files are served; nothing from the request reaches the file system.
const ASSETS = new Map<string, Asset>([
  vendorAsset('swagger-ui.css'),
  vendorAsset('swagger-ui-bundle.js'),
  vendorAsset('favicon-32x32.png'),
  [
    'swagger-initializer.js',
    { file: join(OWN_DIR, 'swagger-initializer.js'), cacheControl: 'no-cache' },
  ],
]);

const PAGE_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  // Swagger UI's React components set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the OpenAPI document and Swagger UI, offline, from the swagger-ui-dist package. */
export function mountApiDocs(router: Router<AppState>, document: OpenApiDocument): void {
  const page = readFileSync(join(OWN_DIR, 'index.html'), 'utf8');

  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': PAGE_POLICY });
    ctx.type = 'html';
    ctx.body = page;
  });
  router.get('/api/docs/:asset', (ctx) => {
    const asset = ASSETS.get(ctx.params.asset ?? '');
    if (!asset) return;
    ctx.set('Cache-Control', asset.cacheControl);
    ctx.type = extname(asset.file);
    ctx.body = createReadStream(asset.file);
  });
}
