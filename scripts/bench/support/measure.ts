/** Milliseconds from a monotonic clock. */
export function now(): number {
  return performance.now();
}

/** Adds up the time spent in the timed parts only, leaving out set-up between them. */
export class Stopwatch {
  elapsedMs = 0;

  async time<T>(work: () => Promise<T>): Promise<T> {
    const start = now();
    try {
      return await work();
    } finally {
      this.elapsedMs += now() - start;
    }
  }
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count * 1000) / ms);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` `runs` times, one after another, so runs never compete with each other. */
export async function repeat<T>(runs: number, work: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 1; run <= runs; run++) results.push(await work(run));
  return results;
}

/** Starts `count` workers at once and waits for all of them. */
export function concurrently(count: number, work: (worker: number) => Promise<void>) {
  return Promise.all(Array.from({ length: count }, (_, worker) => work(worker)));
}
