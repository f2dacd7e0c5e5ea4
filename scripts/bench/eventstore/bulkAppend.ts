import type { StreamAppend } from '@monity/core';
import type { Logger } from 'pino';
import { CHUNK } from '../support/args.ts';
import { InvoiceEvents } from '../support/invoiceEvents.ts';
import { perSecond, Stopwatch } from '../support/measure.ts';
import { invoiceStream } from './bareTable.ts';
import { openStore } from './store.ts';

/**
 * The import case: each call appends a chunk of new invoices, one new stream each, expected
 * not to exist. Only `appendMany` is timed, not generating the data.
 */
export async function bulkAppend(url: string, events: number, logger: Logger): Promise<number> {
  const { store, close } = openStore(url, 2, logger);
  try {
    const source = new InvoiceEvents({ total: events });
    const watch = new Stopwatch();
    for (let done = 0; done < events; done += CHUNK) {
      const appends: StreamAppend[] = source.next(CHUNK).map((event) => ({
        stream: { tenantId: source.tenantId, streamId: invoiceStream(event) },
        events: [event],
        expectedVersion: 'no_stream',
      }));
      await watch.time(() => store.appendMany(appends));
    }
    return perSecond(events, watch.elapsedMs);
  } finally {
    await close();
  }
}
