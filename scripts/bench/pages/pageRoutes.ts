import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../../../web/app/pages', import.meta.url));

/** One page of the web app, as its file names it: `/customers/[id]`. */
export interface PageRoute {
  route: string;
  /** Public pages (the sign-in, the sandbox mailbox) are opened signed out. */
  signedIn: boolean;
}

/** Pages that open only from a link carrying a one-time token; without it they show an error. */
export const NEEDS_TOKEN = new Set(['/invitation', '/password-reset/confirm']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every page in web/app/pages, so a new page is measured without a change here. */
export function pageRoutes(): PageRoute[] {
  return files(PAGES)
    .filter((file) => file.endsWith('.vue'))
    .map((file) => {
      const path = relative(PAGES, file).replace(/\.vue$/, '');
      const route = `/${path.replace(/(^|\/)index$/, '')}`;
      const signedIn = !/public:\s*true/.test(readFileSync(file, 'utf8'));
      return { route, signedIn };
    })
    .filter(({ route }) => !NEEDS_TOKEN.has(route))
    .sort((a, b) => a.route.localeCompare(b.route));
}
