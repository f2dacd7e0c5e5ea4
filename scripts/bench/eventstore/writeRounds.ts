import type { Logger } from 'pino';
import { execute, type BenchServer } from '../support/postgres.ts';
import { bulkAppend } from './bulkAppend.ts';
import { copyEvents } from './copyEvents.ts';
import { emmettSingleAppend } from './emmett.ts';
import { inRounds, LARGE_ROUNDS } from './rounds.ts';
import { singleAppend } from './singleAppend.ts';
import { singleInsert } from './singleInsert.ts';

const bulkDatabase = (round: number) => `bench_bulk_${round}`;

/** The database bulk-append filled last; read-all reads it. */
export const BULK_DATABASE = bulkDatabase(LARGE_ROUNDS);

/** copy-events and bulk-append, each in fresh storage: a new bare table, a new database. */
export function bulkRounds(server: BenchServer, events: number, logger: Logger) {
  let bareUrl: Promise<string> | undefined;
  const copy = async () =>
    copyEvents(await (bareUrl ??= server.createDatabase('bench_bare')), events);
  const bulk = async (round: number) => {
    if (round > 1) await server.dropDatabase(bulkDatabase(round - 1));
    const url = await server.createDatabase(bulkDatabase(round), { migrated: true });
    return bulkAppend(url, events, logger);
  };

  return inRounds(
    logger,
    [
      { name: 'copy-events', measure: copy },
      { name: 'bulk-append', measure: bulk },
    ],
    { rounds: LARGE_ROUNDS, beforeEach: checkpoint(server) },
  );
}

/** The 8-writer measurements; every store gets a fresh database each round. */
export function singleRounds(server: BenchServer, logger: Logger) {
  let bareUrl: Promise<string> | undefined;
  const insert = async () =>
    singleInsert(await (bareUrl ??= server.createDatabase('bench_single')));
  const append = async (round: number) =>
    singleAppend(await server.createDatabase(`bench_append_${round}`, { migrated: true }), logger);
  const emmett = async (round: number) =>
    emmettSingleAppend(await server.createDatabase(`bench_emmett_append_${round}`));

  return inRounds(
    logger,
    [
      { name: 'single-insert-8', measure: insert },
      { name: 'single-append-8', measure: append },
      { name: 'emmett-single-append-8', measure: emmett },
    ],
    { beforeEach: checkpoint(server) },
  );
}

/** Writes dirty buffers out before a measurement, so none pays for the one before it. */
function checkpoint(server: BenchServer) {
  return () => execute(server.url, 'CHECKPOINT');
}
