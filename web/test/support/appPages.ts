import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../../app/pages', import.meta.url));
/** Pages that open only from a link carrying a one-time token; without it they show an error. */
const NEEDS_TOKEN = new Set(['/invitation', '/password-reset/confirm']);

/** One page of the web app as its file names it (`/customers/[id]`), and whether it is public. */
export interface AppPage {
  route: string;
  public: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every page in web/app/pages but those needing a token, so a new page is checked unasked. */
export function appPages(): AppPage[] {
  return files(PAGES)
    .filter((file) => file.endsWith('.vue'))
    .map((file) => {
      const path = relative(PAGES, file).replace(/\.vue$/, '');
      const route = `/${path.replace(/(^|\/)index$/, '')}`;
      return { route, public: /public:\s*true/.test(readFileSync(file, 'utf8')) };
    })
    .filter(({ route }) => !NEEDS_TOKEN.has(route))
    .sort((a, b) => a.route.localeCompare(b.route));
}
