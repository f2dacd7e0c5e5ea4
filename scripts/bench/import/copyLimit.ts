import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { now } from '../support/measure.ts';

/**
 * The limit: PostgreSQL's own COPY of the same file into a bare table of text columns, with
 * no parsing, validation or events — as fast as rows can enter PostgreSQL on this machine.
 */
export async function copyInvoiceFile(url: string, file: string, columns: number) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const names = Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ');
    await client.query(`CREATE TABLE bare_invoice_rows (${names})`);
    const start = now();
    const copy = client.query(
      copyFrom(
        'COPY bare_invoice_rows FROM STDIN ' +
          "(FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'WIN1250')",
      ),
    );
    await pipeline(createReadStream(file), copy);
    const ms = now() - start;
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM bare_invoice_rows',
    );
    return { rows: Number(rows[0]!.count), ms };
  } finally {
    await client.end();
  }
}
