import pg from 'pg';
import { concurrently, now, perSecond } from '../support/measure.ts';
import { bareRow, CREATE_BARE_TABLE, INSERT_BARE } from './bareTable.ts';
import { eventsPerWriter, SINGLE_WRITES, WRITERS } from './singleWriters.ts';

/** The limit of single-append-8: one-row INSERTs, each its own transaction, into a bare table. */
export async function singleInsert(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS });
  try {
    await pool.query(CREATE_BARE_TABLE);
    const events = eventsPerWriter();
    const start = now();
    await concurrently(WRITERS, async (writer) => {
      const mine = events[writer]!;
      for (let i = 0; i < mine.length; i++) {
        await pool.query(INSERT_BARE, bareRow(mine[i]!, writer * mine.length + i + 1));
      }
    });
    return perSecond(SINGLE_WRITES, now() - start);
  } finally {
    await pool.end();
  }
}
