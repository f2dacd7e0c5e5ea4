import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryModules = join(here, '..', '..', '..', 'node_modules');

export const fixtureRoot = (name: 'workspace' | 'broken'): string => join(here, 'fixtures', name);

/** A logger whose lines land in `lines`, parsed. */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

/**
 * An installation root in a temporary folder with packages "installed" under node_modules, as
 * npm would leave them (a node_modules folder among the fixtures would be ignored by git).
 * `peers` are linked from the repository, as npm installs a plugin's peer dependencies.
 */
export async function installationWith(
  packages: Record<string, { packageJson: object; files?: Record<string, string> }>,
  peers: string[] = [],
): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'monity-plugins-')));
  await mkdir(join(root, 'node_modules'));
  for (const peer of peers) {
    await symlink(join(repositoryModules, peer), join(root, 'node_modules', peer));
  }
  for (const [name, { packageJson, files = {} }] of Object.entries(packages)) {
    const dir = join(root, 'node_modules', name);
    await writeFiles(dir, { ...files, 'package.json': JSON.stringify({ name, ...packageJson }) });
  }
  return root;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
