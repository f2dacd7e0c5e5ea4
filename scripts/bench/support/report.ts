import type { Logger } from 'pino';

/** One figure, in the format of BENCHMARKS.md. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The result this one is compared with, measured in the same run. */
  limit?: string;
  ratio?: number;
  note?: string;
}

export interface Machine {
  cpus: number;
  memoryGiB: number;
  node: string;
  postgres: string;
}

export interface BenchReport {
  bench: string;
  machine: Machine;
  results: BenchResult[];
}

/** What a result must reach: its ratio, or its own value. Limits have none. */
export interface Target {
  of: 'ratio' | 'value';
  /** The figure must reach this, or with `below`, stay under it. */
  atLeast: number;
  below?: boolean;
  /** How the table states the target, when `ratio >= n` would not say it right. */
  label?: string;
}

export interface Bench {
  /** Runs the benchmark; `targets` say what each result must reach, for the table. */
  run(options: BenchOptions): Promise<BenchReport>;
  targets: Record<string, Target>;
}

export interface BenchOptions {
  /** Size of the large measurements; 1,000,000 is the standard. */
  events: number;
  logger: Logger;
}

export function ratio(value: number, of: number): number {
  return Math.round((value / of) * 100) / 100;
}

export function meets(result: BenchResult, target: Target | undefined): boolean | undefined {
  if (!target) return undefined;
  const actual = target.of === 'ratio' ? result.ratio : result.value;
  if (actual === undefined) return false;
  return target.below ? actual < target.atLeast : actual >= target.atLeast;
}
