import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type pg from 'pg';
import { findFreePort } from '../../src/database/embeddedPostgres.ts';
import { CRASH_VARIABLE, type CrashPoint } from '../../src/dispatch/crashPoint.ts';
import { discoverPlugins } from '../../src/plugins/index.ts';
import { readPluginManifest } from '../../src/plugins/pluginManifest.ts';
import { signUp, type Browser } from '../access/accessTestKit.ts';
import { startMonity } from '../server/monityProcess.ts';
import { createTestDatabase, createTestPool, type TestDatabase } from '../support/testDatabase.ts';

/**
 * Mailgun's messages API on a local port, counting each message by the id Monity sends as the
 * `v:monity-message-id` variable: how many times a provider was handed each message.
 */
export async function startCountingProvider(options: { delayMs?: number } = {}) {
  const received = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const type = req.headers['content-type'] ?? '';
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': type },
      }).formData();
      const id = String(form.get('v:monity-message-id'));
      received.set(id, (received.get(id) ?? 0) + 1);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `<${id}@mg.firma.pl>`, message: 'Queued. Thank you.' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type CountingProvider = Awaited<ReturnType<typeof startCountingProvider>>;

const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DISPATCH_PROCESS = fileURLToPath(new URL('./dispatchProcess.ts', import.meta.url));

/**
 * dispatchProcess.ts and the channel plugins it loads, bundled by esbuild (the compiler tsx
 * runs on) so that a process starts on under a third of the CPU time: through tsx, a loader
 * thread handles each of the hundreds of modules loaded, and the plugins' import of
 * `@monity/core` loads all of core with the packages of its HTTP API and ledger. Bundled, core
 * and the plugins share one copy of the modules they use. The output lies under node_modules,
 * where lookups of packages left out succeed as they would from the sources.
 */
async function compileDispatchProcess(channels: string[]) {
  const discovered = await discoverPlugins({ rootDir: WORKSPACE_ROOT });
  const entryPoints: Record<string, string> = { dispatchProcess: DISPATCH_PROCESS };
  for (const [i, name] of channels.entries()) {
    const pkg = discovered.find((candidate) => candidate.name === name);
    if (!pkg) throw new Error(`no plugin ${name}`);
    entryPoints[`plugin${i}`] = (await readPluginManifest(pkg)).entry;
  }
  const cache = join(WORKSPACE_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const outdir = await mkdtemp(join(cache, 'monity-dispatch-'));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: [],
    // Bundled CommonJS packages require Node's own modules.
    banner: {
      js:
        "import { createRequire as monityRequire } from 'node:module';\n" +
        'const require = monityRequire(import.meta.url);',
    },
    logLevel: 'error',
    plugins: [bundleWhatIsUsed],
  });
  const plugins = channels.map((name, i) => `${name}=${join(outdir, `plugin${i}.js`)}`);
  return { outdir, script: join(outdir, 'dispatchProcess.js'), args: [WORKSPACE_ROOT, ...plugins] };
}

const OWN_LOOKUP = Symbol('own lookup');
/**
 * Our own modules are left out when nothing of theirs is used (none is imported for its side
 * effects alone). What esbuild cannot bundle, a native addon or a package not installed for
 * this platform, is left for Node to find when it is imported, as it would from the sources.
 */
const bundleWhatIsUsed: Plugin = {
  name: 'bundle-what-is-used',
  setup(builder) {
    builder.onResolve({ filter: /./ }, async ({ path, kind, resolveDir, pluginData }) => {
      if (kind === 'entry-point' || pluginData === OWN_LOOKUP) return undefined;
      const found = await builder.resolve(path, { kind, resolveDir, pluginData: OWN_LOOKUP });
      if (found.errors.length > 0 || found.external) return { path, external: true };
      if (!/\.([cm]?js|json|ts)$/.test(found.path)) return { path: found.path, external: true };
      const ours = !found.path.includes('/node_modules/');
      return { path: found.path, sideEffects: ours ? false : found.sideEffects };
    });
  },
};

/** A dispatcher in a process of its own (dispatchProcess.ts), ready before it is let go. */
export interface DispatchProcess {
  child: ChildProcess;
  /** The dispatcher's id (hostname:pid:suffix) once it is connected, waiting for `go`. */
  ready: Promise<string>;
  /** Lets it claim and hand over messages. */
  go(): void;
  /** The signal that ended it, or null when it exited by itself. */
  exited: Promise<NodeJS.Signals | null>;
  output(): string;
}

/** Starts a compiled dispatchProcess.ts; `--no-opt` saves a fifth of a short life's CPU time. */
function startDispatchProcess(
  compiled: { script: string; args: string[] },
  env: Record<string, string>,
  cwd: string,
): DispatchProcess {
  const child = spawn(process.execPath, ['--no-opt', compiled.script, ...compiled.args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    child.on('exit', (_code, signal) => resolve(signal));
    // Not started at all: the test is over and its data folder gone.
    child.on('error', (error) => {
      output += `${String(error)}\n`;
      resolve(null);
    });
  });
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^ready (\S+)$/m.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((signal) => reject(new Error(`dispatcher ended (${signal}):\n${output}`)));
  });
  ready.catch(() => undefined);
  child.stdin!.on('error', () => undefined); // a killed process closes its end
  return { child, ready, go: () => child.stdin!.write('go\n'), exited, output: () => output };
}

interface DispatchEnv {
  crash?: `${CrashPoint}@${number}`;
  concurrency?: number;
}

/** One database and data folder that every Monity process of a test shares. */
export async function createDispatchSite(provider: CountingProvider) {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'monity-dispatch-'));
  const pool = createTestPool(database.url, 2);
  const running = new Set<{ child: ChildProcess }>();

  /** The environment of a Monity process of this site, with its dispatcher's settings. */
  const environment = (env: DispatchEnv): Record<string, string> => ({
    DATABASE_URL: database.url,
    MONITY_DATA_DIR: dataDir,
    MONITY_DEMO_TENANT: 'false',
    MONITY_SERVE_WEB: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    MONITY_DISPATCH_LEASE_SECONDS: '2',
    MONITY_DISPATCH_POLL_MS: '100',
    MONITY_DISPATCH_CONCURRENCY: String(env.concurrency ?? 1),
    MONITY_PLUGINS: JSON.stringify({
      config: { '@monity/channel-mailgun': { apiUrl: provider.url, timeoutMs: 10_000 } },
    }),
    ...(env.crash ? { [CRASH_VARIABLE]: env.crash } : {}),
  });

  /** A whole server, as deployments run it. */
  const start = async (env: DispatchEnv = {}) => {
    const monity = startMonity(
      { PORT: String(await findFreePort()), ...environment(env) },
      dataDir,
    );
    running.add(monity);
    void monity.exited.then(() => running.delete(monity));
    return { monity, url: await monity.url };
  };

  /**
   * The server's dispatcher alone (dispatchProcess.ts), sending through Mailgun: compiled at
   * the first call, which may therefore take a second longer.
   */
  let compiled: ReturnType<typeof compileDispatchProcess> | undefined;
  const startDispatcher = async (env: DispatchEnv = {}) => {
    compiled ??= compileDispatchProcess(['@monity/channel-mailgun']);
    const dispatcher = startDispatchProcess(await compiled, environment(env), dataDir);
    running.add(dispatcher);
    void dispatcher.exited.then(() => running.delete(dispatcher));
    return dispatcher;
  };

  return {
    pool,
    start,
    startDispatcher,
    async dispose() {
      for (const monity of running) monity.child.kill('SIGKILL');
      await pool.end();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
      if (compiled) await rm((await compiled).outdir, { recursive: true, force: true });
    },
  };
}

/** A company whose e-mail leaves through a Mailgun account (the counting provider). */
export async function mailgunCompany(url: string, name: string): Promise<Browser> {
  const { browser } = await signUp(url, name);
  const account = await browser.request('POST', '/api/channel-accounts', {
    channel: 'mailgun',
    name: 'Mailgun',
    defaultFor: ['email'],
    settings: { domain: 'mg.firma.pl', apiKey: 'key-test', from: 'windykacja@mg.firma.pl' },
  });
  if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.body)}`);
  return browser;
}

/** Queues `count` e-mails to leave at `notBefore`, a few requests at a time. */
export async function enqueueMany(browser: Browser, count: number, notBefore: Date) {
  const ids: string[] = [];
  const one = async (i: number) => {
    const response = await browser.request('POST', '/api/messages', {
      medium: 'email',
      to: `klient${i}@example.pl`,
      subject: `Przypomnienie ${i}`,
      text: 'Uprzejmie przypominamy o płatności.',
      notBefore: notBefore.toISOString(),
    });
    if (response.status !== 202) throw new Error(`enqueue: ${JSON.stringify(response.body)}`);
    ids.push(response.body.id as string);
  };
  for (let i = 0; i < count; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => one(i + j)));
  }
  return ids;
}

export interface OutboxRow {
  message_id: string;
  state: string;
  outcome: string | null;
  attempts: number;
  claimed_by: string | null;
}

export async function outboxRows(pool: pg.Pool): Promise<OutboxRow[]> {
  const { rows } = await pool.query<OutboxRow>(
    'SELECT message_id, state, outcome, attempts, claimed_by FROM outbox ORDER BY message_id',
  );
  return rows;
}

/** The types of each message's events, in order. */
export async function messageHistories(pool: pg.Pool): Promise<Map<string, string[]>> {
  const { rows } = await pool.query<{ stream_id: string; types: string[] }>(
    `SELECT stream_id, array_agg(type ORDER BY stream_version) AS types FROM events
     WHERE stream_id LIKE 'message-%' GROUP BY stream_id`,
  );
  return new Map(rows.map((r) => [r.stream_id.slice('message-'.length), r.types]));
}
