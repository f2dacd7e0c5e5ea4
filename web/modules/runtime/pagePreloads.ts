import { defineNitroPlugin } from 'nitropack/runtime';
// Written by modules/pagePreloads.ts from the build manifest.
import preloads from '#monity/page-preloads.mjs';
import type { PagePreloads } from '../pagePreloads';

const { pages, messages, assetsPath } = preloads as PagePreloads;
const patterns = pages.map((page) => ({ path: new RegExp(page.path), files: page.files }));
const LOCALE_PREFIX = /^\/(en)(?=\/|$)/;
const DEFAULT_LOCALE = 'pl';

/** The chunks the shell of `path` preloads beside the entry: the page's, and its messages. */
function filesFor(path: string): string[] {
  const locale = LOCALE_PREFIX.exec(path)?.[1] ?? DEFAULT_LOCALE;
  const bare = path.replace(LOCALE_PREFIX, '') || '/';
  const page = patterns.find((candidate) => candidate.path.test(bare));
  return [...(page?.files ?? []), ...(messages[locale] ? [messages[locale]] : [])];
}

export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const path = decodeURI(event.path.split('?')[0] ?? '/');
    const links = filesFor(path).map(
      (file) => `<link rel="modulepreload" as="script" crossorigin href="${assetsPath}${file}">`,
    );
    html.head.push(links.join(''));
  });
});
