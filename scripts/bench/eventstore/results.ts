import { CHUNK } from '../support/args.ts';
import { ratio, type BenchResult } from '../support/report.ts';
import { LARGE_ROUNDS, ROUNDS } from './rounds.ts';
import { SINGLE_WRITES, STREAMS_PER_WRITER, WRITERS } from './singleWriters.ts';

const UNIT = 'events/s';
const runs = (rounds: number) => (rounds === 1 ? 'one run' : `median of ${rounds} runs`);

export function bulkResults(copy: number, bulk: number, events: number): BenchResult[] {
  return [
    {
      name: 'copy-events',
      value: copy,
      unit: UNIT,
      note:
        `${events} rows serialised and COPYed into a bare table, ${CHUNK} per ` +
        `transaction; ${runs(LARGE_ROUNDS)}`,
    },
    {
      name: 'bulk-append',
      value: bulk,
      unit: UNIT,
      limit: 'copy-events',
      ratio: ratio(bulk, copy),
      note:
        `the import case: ${events} events, appendMany of ${CHUNK} new streams of one event ` +
        `each, expectedVersion 'no_stream'; ${runs(LARGE_ROUNDS)}`,
    },
  ];
}

export function singleResults(insert: number, append: number, emmett: number): BenchResult[] {
  const writes = `${SINGLE_WRITES} single-event transactions, ${WRITERS} concurrent clients`;
  return [
    { name: 'single-insert-8', value: insert, unit: UNIT, note: `${writes}; ${runs(ROUNDS)}` },
    {
      name: 'single-append-8',
      value: append,
      unit: UNIT,
      limit: 'single-insert-8',
      ratio: ratio(append, insert),
      note:
        `${writes} on a pool of ${WRITERS}, each writer on its own ${STREAMS_PER_WRITER} ` +
        `streams with exact expected versions; ${runs(ROUNDS)}`,
    },
    {
      name: 'emmett-single-append-8',
      value: emmett,
      unit: UNIT,
      limit: 'single-append-8',
      ratio: ratio(append, emmett),
      note: `ratio = single-append-8 / this; Emmett appendToStream, same writers; ${runs(ROUNDS)}`,
    },
  ];
}

export function readResults(read: number, emmett: number, pageSize: number): BenchResult[] {
  return [
    {
      name: 'read-all',
      value: read,
      unit: UNIT,
      note: `the bulk-append database, readAll pages of ${pageSize}, folded; ${runs(ROUNDS)}`,
    },
    {
      name: 'emmett-read-all',
      value: emmett,
      unit: UNIT,
      limit: 'read-all',
      ratio: ratio(read, emmett),
      note:
        `ratio = read-all / this; Emmett's readMessagesBatch, batches of ${pageSize}, ` +
        `over the same events written by its appendToStream; ${runs(LARGE_ROUNDS)}`,
    },
  ];
}
