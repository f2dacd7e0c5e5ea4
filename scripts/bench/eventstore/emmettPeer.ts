/**
 * The Emmett peer, run as a child process by emmett.ts: Emmett's driver layer changes how `pg`
 * parses int8 and jsonb for its whole process. Prints one JSON document on standard output.
 *
 *   node --import tsx emmettPeer.ts single-append URL
 *   node --import tsx emmettPeer.ts read-all URL EVENTS PAGE_SIZE
 */
import { dumbo } from '@event-driven-io/dumbo';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { NewEvent } from '@monity/core';
import pg from 'pg';
import { CHUNK } from '../support/args.ts';
import { InvoiceEvents } from '../support/invoiceEvents.ts';
import type { InvoiceIssued } from '../support/invoiceIssued.ts';
import { concurrently, now, perSecond } from '../support/measure.ts';
import { addInvoice, emptyTotals } from './fold.ts';
import {
  eventsPerWriter,
  SINGLE_WRITES,
  STREAMS_PER_WRITER,
  WRITERS,
  writerStream,
} from './singleWriters.ts';

type InvoiceEvent = Event<'InvoiceIssued', InvoiceIssued, Record<string, unknown>>;

// Standard output carries only the result; anything Emmett prints goes to standard error.
console.log = console.error;
console.info = console.error;

function openEmmett(url: string, connections: number) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const db = dumbo({ connectionString: url, pool });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: db } });
  const close = async () => {
    await store.close();
    await pool.end();
  };
  return { store, db, pool, close };
}

/** Monity's event as Emmett stores it: the same data and metadata, its id as `messageId`. */
function toEmmett(event: NewEvent<InvoiceIssued>): InvoiceEvent {
  return {
    type: 'InvoiceIssued',
    data: event.data,
    metadata: { ...event.metadata, messageId: event.id },
  };
}

async function singleAppend(url: string) {
  const { store, close } = openEmmett(url, WRITERS);
  await store.schema.migrate();
  const events = eventsPerWriter();
  const start = now();
  await concurrently(WRITERS, async (writer) => {
    const versions = new Array<bigint>(STREAMS_PER_WRITER).fill(0n);
    for (const [i, event] of events[writer]!.entries()) {
      const expectedStreamVersion = versions[i % STREAMS_PER_WRITER]!;
      const result = await store.appendToStream(writerStream(writer, i), [toEmmett(event)], {
        expectedStreamVersion,
      });
      versions[i % STREAMS_PER_WRITER] = result.nextExpectedStreamVersion;
    }
  });
  const rate = perSecond(SINGLE_WRITES, now() - start);
  await close();
  return { rate };
}

/**
 * Not timed. One writer at a time: Emmett's reader may skip events of interleaved writers.
 * Then VACUUM ANALYZE, as before Monity's read-all.
 */
async function writeForReading(url: string, events: number) {
  const { store, pool, close } = openEmmett(url, 1);
  const source = new InvoiceEvents({ total: events });
  for (let done = 0; done < events; done += CHUNK) {
    await store.appendToStream(`import-${done / CHUNK}`, source.next(CHUNK).map(toEmmett));
  }
  await pool.query('VACUUM ANALYZE emt_messages');
  await close();
}

async function readAll(url: string, events: number, pageSize: number) {
  await writeForReading(url, events);
  const { db, close } = openEmmett(url, 1);
  const totals = emptyTotals();
  const start = now();
  for (let after = 0n; ;) {
    const batch = await readMessagesBatch<InvoiceEvent>(db.execute, { after, batchSize: pageSize });
    for (const message of batch.messages) addInvoice(totals, message.data);
    after = batch.currentGlobalPosition;
    if (!batch.areMessagesLeft) break;
  }
  const rate = perSecond(totals.count, now() - start);
  await close();
  return { rate, totals };
}

async function main([mode, url, events, pageSize]: string[]) {
  if (!url || (mode !== 'single-append' && mode !== 'read-all')) {
    throw new Error('usage: emmettPeer.ts single-append|read-all URL [EVENTS PAGE_SIZE]');
  }
  const result =
    mode === 'single-append'
      ? await singleAppend(url)
      : await readAll(url, Number(events), Number(pageSize));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main(process.argv.slice(2));
