import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuSeconds, cpuUsedSince } from '../support/cpu.ts';

/** Spends half a CPU-second, then runs the rest of the script. */
const BUSY = `const used = () => { const u = process.cpuUsage(); return u.user + u.system; };
const end = used() + 500_000; while (used() < end);`;

/**
 * A server that works, then starts two children that work as long: one ends (the server
 * reaps it, as PostgreSQL its closed connections' backends), one stays, as a backend does.
 * It says "ready" when both have done their work.
 */
const SERVER = `${BUSY}
const { spawn } = require('node:child_process');
const start = (script) => spawn(process.execPath, ['-e', ${JSON.stringify(BUSY)} + script]);
let waiting = 2;
const done = () => --waiting === 0 && console.log('ready');
start('').on('exit', done);
const staying = start('console.log("done"); setInterval(() => {}, 1000);');
staying.stdout.once('data', done);
process.on('SIGTERM', () => { staying.kill(); process.exit(); });`;

describe('the CPU a bench reads', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it.runIf(process.platform === 'linux')(
    "counts a server's own CPU and its children's, ended or not, from its data folder",
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'monity-cpu-'));
      const server = spawn(process.execPath, ['-e', SERVER]);
      const ready = new Promise((resolve) => server.stdout.once('data', resolve));
      cleanup.push(async () => {
        server.kill();
        await rm(dataDir, { recursive: true, force: true });
      });
      await writeFile(join(dataDir, 'postmaster.pid'), `${server.pid}\n${dataDir}\n`);
      const before = cpuSeconds(dataDir);
      await ready;
      // Three times 0.5 s, and each process's start: only with both children counted is it 1.4.
      expect(cpuUsedSince(before, cpuSeconds(dataDir)).postgres).toBeGreaterThanOrEqual(1.4);
    },
  );

  it('says it cannot tell a server it cannot find', () => {
    expect(cpuSeconds(join(tmpdir(), 'monity-no-such-folder')).postgres).toBeNull();
  });
});
