import { fileURLToPath } from 'node:url';
import { runChild } from '../support/child.ts';
import type { ReadAllResult } from './readAll.ts';

const PEER = fileURLToPath(new URL('./emmettPeer.ts', import.meta.url));

/** The same single appends as single-append-8, through Emmett, in a child process. */
export async function emmettSingleAppend(url: string): Promise<number> {
  const { rate } = await runChild<{ rate: number }>(PEER, ['single-append', url]);
  return rate;
}

/** Writes `events` through Emmett (not timed), then reads them all with its reader. */
export function emmettReadAll(url: string, events: number, pageSize: number) {
  return runChild<ReadAllResult>(PEER, ['read-all', url, String(events), String(pageSize)]);
}
