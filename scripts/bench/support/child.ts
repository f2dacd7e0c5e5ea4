import { spawn } from 'node:child_process';

/**
 * Runs a TypeScript file in its own Node process (`node --import tsx`) and parses the one JSON
 * document it prints on standard output; its standard error goes straight to ours.
 */
export function runChild<T>(file: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`));
      try {
        resolve(JSON.parse(output) as T);
      } catch (error) {
        reject(new Error(`${file} printed no JSON: ${output.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}
