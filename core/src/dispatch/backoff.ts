/** How long to wait before retrying a hand-over that certainly sent nothing. */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/**
 * Exponential with "equal jitter": the delay doubles with each attempt up to the cap, and half
 * of it is random, so messages refused together (a provider's outage) do not return together.
 */
export function retryDelayMs(attempt: number, backoff: Backoff, random = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
