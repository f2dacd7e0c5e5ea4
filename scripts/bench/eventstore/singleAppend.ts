import type { Logger } from 'pino';
import { concurrently, now, perSecond } from '../support/measure.ts';
import {
  eventsPerWriter,
  SINGLE_WRITES,
  STREAMS_PER_WRITER,
  WRITERS,
  writerStream,
} from './singleWriters.ts';
import { openStore } from './store.ts';

/** Single-event appends with exact expected versions, from 8 writers sharing a pool of 8. */
export async function singleAppend(url: string, logger: Logger): Promise<number> {
  const { store, close } = openStore(url, WRITERS, logger);
  try {
    const events = eventsPerWriter();
    const start = now();
    await concurrently(WRITERS, async (writer) => {
      const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
      for (const [i, event] of events[writer]!.entries()) {
        const stream = { tenantId: event.metadata.tenantId, streamId: writerStream(writer, i) };
        const expectedVersion = versions[i % STREAMS_PER_WRITER]!;
        const result = await store.append(stream, [event], { expectedVersion });
        versions[i % STREAMS_PER_WRITER] = result.nextExpectedVersion;
      }
    });
    return perSecond(SINGLE_WRITES, now() - start);
  } finally {
    await close();
  }
}
