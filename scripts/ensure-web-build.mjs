// Builds the web app when its build is missing or older than any of its sources, so that
// `npm start` and `npm test` serve what is in the work tree. A fresh build takes about a minute.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'web');
const HANDLER = join(WEB, '.output', 'server', 'index.mjs');
const NOT_SOURCES = new Set(['.output', '.nuxt', 'node_modules', 'test', '.data', '.cache']);
const SDK = join(ROOT, 'sdk', 'src');

/** The newest modification time of the files under a folder, skipping build output and docs. */
function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name) || entry.name.endsWith('.md')) continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(HANDLER).mtimeMs;
  } catch {
    return 0;
  }
}

const built = builtAt();
const changed = Math.max(newestChange(WEB), newestChange(SDK));
if (built === 0 || changed > built) {
  console.log(built === 0 ? 'Building the web app…' : 'Web sources changed: rebuilding…');
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr, '\nThe web app did not build (output above).');
    process.exit(1);
  }
  console.log(`Web app built in ${Math.round((Date.now() - started) / 1000)} s.`);
}
