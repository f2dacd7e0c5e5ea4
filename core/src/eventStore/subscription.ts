import type {
  GlobalPosition,
  ReadAllOptions,
  ReadAllPage,
  SubscribeOptions,
  Subscription,
} from './eventStore.ts';
import { START } from './eventStore.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { readAllPages } from './readAllPages.ts';

/** Resolves when something new may have been committed, or after `timeoutMs` at the latest. */
export type WaitForNews = (timeoutMs: number, signal: AbortSignal) => Promise<void>;

const DEFAULT_BATCH = 1000;
/** How long a woken subscription waits for the rest of a burst of commits before reading. */
const GATHER_MS = 25;

/**
 * A subscription any adapter can offer on top of `readAll`: it reads page after page (the next
 * one fetched while the current one is handled) and, once at the end, sleeps until woken by
 * news of a commit or the polling interval elapses, so a lost notification delays events by at
 * most one interval and never loses them.
 */
export function followAll(
  readAll: (options: ReadAllOptions) => Promise<ReadAllPage>,
  waitForNews: WaitForNews,
  options: SubscribeOptions & { pollIntervalMs: number },
): Subscription {
  let stopped = false;
  let readsStarted = 0;
  const stopping = new AbortController();
  // Aborted by `caughtUp`, so it reads again at once instead of waiting for news.
  let nap = new AbortController();
  const caughtUpWaiters: { after: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  const settleCaughtUp = (readNumber: number) => {
    for (const waiter of caughtUpWaiters.splice(0)) {
      if (waiter.after < readNumber) waiter.resolve();
      else caughtUpWaiters.push(waiter);
    }
  };

  const loop = async () => {
    let after: GlobalPosition = options.after ?? START;
    while (!stopped) {
      const readNumber = ++readsStarted;
      const pages = readAllPages(readAll, {
        after,
        maxCount: options.maxCount ?? DEFAULT_BATCH,
        eventTypes: options.eventTypes,
      });
      for await (const page of pages) {
        if (stopped) return;
        if (page.events.length > 0) await options.onEvents(page.events, page.next);
        after = page.next;
      }
      settleCaughtUp(readNumber);
      nap = new AbortController();
      if (caughtUpWaiters.length === 0) {
        const woken = AbortSignal.any([stopping.signal, nap.signal]);
        await waitForNews(options.pollIntervalMs, woken);
        // Commits come in bursts (a collection run, a dispatcher's batches): a moment's wait
        // lets one read take in the burst instead of a read after every commit.
        await sleep(GATHER_MS, woken).catch(() => undefined);
      }
    }
  };

  const running = loop()
    .catch((error: unknown) => options.onError?.(error))
    .finally(() => {
      stopped = true;
      const ended = new Error('The subscription has stopped');
      caughtUpWaiters.splice(0).forEach((waiter) => waiter.reject(ended));
    });

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      await running;
    },
    caughtUp() {
      return new Promise((resolve, reject) => {
        if (stopped) reject(new Error('The subscription has stopped'));
        else caughtUpWaiters.push({ after: readsStarted, resolve, reject });
        nap.abort();
      });
    },
  };
}
