import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../scripts/start.ts', import.meta.url));
/** tsx by absolute location: `--import tsx` would be looked up from the child's working folder. */
const TSX = import.meta.resolve('tsx');

export interface MonityProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL the server printed, or rejects when it exits first. */
  url: Promise<string>;
  exited: Promise<number | null>;
}

/** Runs the server as `npm start` does, with the given environment on top of this one. */
export function startMonity(env: Record<string, string>, cwd: string): MonityProcess {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Monity is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`Monity exited with ${code}:\n${output}`)));
  });
  url.catch(() => undefined); // a test expecting a failed start awaits `exited` instead
  return { child, output: () => output, url, exited };
}
