import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CHUNK } from '../support/args.ts';
import { InvoiceEvents } from '../support/invoiceEvents.ts';
import { perSecond, Stopwatch } from '../support/measure.ts';
import { COPY_BARE, copyText, CREATE_BARE_TABLE } from './bareTable.ts';

/**
 * The limit of bulk-append: the same rows, as the same text, COPYed into a fresh bare table,
 * one chunk per transaction. Only serialising and COPYing are timed, not generating the data.
 */
export async function copyEvents(url: string, events: number): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(CREATE_BARE_TABLE);
    const source = new InvoiceEvents({ total: events });
    const watch = new Stopwatch();
    for (let done = 0; done < events; done += CHUNK) {
      const batch = source.next(CHUNK);
      await watch.time(() => copy(client, copyText(batch, done + 1)));
    }
    return perSecond(events, watch.elapsedMs);
  } finally {
    await client.end();
  }
}

function copy(client: pg.Client, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_BARE));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(text);
  });
}
