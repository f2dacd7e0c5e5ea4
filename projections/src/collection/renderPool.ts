import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { RenderedMessage } from '../templates/renderMessages.ts';
import type { RenderFailure, RenderJob } from './renderBatch.ts';

/**
 * Renders a collection run's messages in worker threads, so that sanitising their HTML and
 * deriving its text (a quarter of the work of scheduling) leaves the server's thread to the
 * database and the requests. A thread starts at the first batch (loading Monity's modules takes
 * about a second) and stays until the pool is closed with the server.
 */
export class RenderPool {
  private pool: Piscina | undefined;

  constructor(private readonly size = defaultThreads()) {}

  /** Starts the threads now, ahead of the first batch. */
  warm(): void {
    this.piscina();
  }

  /** Each job's message, or why it could not be rendered, in the jobs' order. */
  render(jobs: RenderJob[]): Promise<(RenderedMessage | RenderFailure)[]> {
    return this.piscina().run(jobs) as Promise<(RenderedMessage | RenderFailure)[]>;
  }

  /** The threads running now. */
  get threads(): readonly Worker[] {
    return this.pool?.threads ?? [];
  }

  /** Ends the threads; a batch still rendering fails. The pool starts again if used again. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private piscina(): Piscina {
    this.pool ??= new Piscina({
      filename: new URL('./renderWorker.js', import.meta.url).href,
      minThreads: this.size,
      maxThreads: this.size,
      // A run's batches come one after another; a thread left idle a minute ends.
      idleTimeout: 60_000,
      // A larger young generation: a batch's messages are short-lived garbage.
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    return this.pool;
  }
}

/** One thread beside the server's on two cores, the database needing the rest; up to four. */
const defaultThreads = () => Math.min(4, Math.max(1, availableParallelism() - 1));
