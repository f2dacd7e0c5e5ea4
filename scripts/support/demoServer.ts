import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The server's address and the demo owner's login, as `npm start` prints them. */
export interface DemoLogin {
  url: string;
  email: string;
  password: string;
}

export interface DemoServer extends DemoLogin {
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  /** Names the temporary data folder: `monity-<purpose>-…`. */
  purpose: string;
  /** More environment for the server, such as `LOG_LEVEL` or the embedded PostgreSQL's port. */
  env?: Record<string, string>;
}

/**
 * `npm start` as a user runs it: the built web app (built first when it is stale, with the
 * Chromium the browser scripts drive), an embedded PostgreSQL in a temporary folder and the
 * demo company, on a free port. Resolves once the server has printed the demo owner's login.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  for (const script of ['ensure-chromium.mjs', 'ensure-web-build.mjs']) {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], {
      stdio: ['ignore', 2, 2],
    });
    if (run.status !== 0) throw new Error(`scripts/${script} failed`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), `monity-${options.purpose}-`));
  await chmod(dataDir, 0o755); // the embedded PostgreSQL runs as its own user and must enter it
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(await freePort()),
      MONITY_DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    return { ...(await printedLogin(server)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads the server's output until it has said where it runs and how the demo owner signs in. */
function printedLogin(server: ReturnType<typeof spawn>): Promise<DemoLogin> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Monity is running at (http:\/\/\S+)/.exec(output);
      const demo = /demo company as (\S+) with password (\S+)/.exec(output);
      if (url && demo) resolve({ url: url[1]!, email: demo[1]!, password: demo[2]! });
    };
    server.stdout!.on('data', read);
    server.stderr!.on('data', read);
    server.on('exit', (code) => reject(new Error(`Monity exited with ${code}:\n${output}`)));
  });
}

/** A TCP port free on loopback at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
