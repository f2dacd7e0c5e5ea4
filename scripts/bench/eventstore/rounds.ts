import type { Logger } from 'pino';
import { median, now, repeat } from '../support/measure.ts';

/** Rounds of the cheap measurements; the 1M writes and Emmett's read run once (~12 min). */
export const ROUNDS = 3;
export const LARGE_ROUNDS = 1;

export interface Step<Name extends string> {
  name: Name;
  /** Measures once and answers the figure, e.g. events per second. */
  measure(round: number): Promise<number>;
}

export interface RoundOptions {
  rounds?: number;
  /** Not timed; runs before every step, e.g. a CHECKPOINT so each starts with clean buffers. */
  beforeEach?: () => Promise<void>;
}

/**
 * Measures every step once per round, in the same order each round, so a limit and what is
 * compared with it run side by side on the noisy machine; answers each step's median.
 */
export async function inRounds<Name extends string>(
  logger: Logger,
  steps: Step<Name>[],
  { rounds = ROUNDS, beforeEach }: RoundOptions = {},
): Promise<Record<Name, number>> {
  const samples = new Map<Name, number[]>(steps.map((step) => [step.name, []]));
  await repeat(rounds, async (round) => {
    for (const step of steps) {
      await beforeEach?.();
      samples.get(step.name)!.push(await timed(logger, step.name, round, step.measure));
    }
  });
  logger.info({ samples: Object.fromEntries(samples) }, 'rounds done');
  const medians = new Map([...samples].map(([name, values]) => [name, median(values)]));
  return Object.fromEntries(medians) as Record<Name, number>;
}

/** Runs one measurement between two progress lines on standard error. */
export async function timed<T>(
  logger: Logger,
  measurement: string,
  round: number,
  work: (round: number) => Promise<T>,
): Promise<T> {
  logger.info({ measurement, round }, 'measuring');
  const start = now();
  const result = await work(round);
  const seconds = Math.round((now() - start) / 100) / 10;
  logger.info({ measurement, round, result, seconds }, 'measured');
  return result;
}
