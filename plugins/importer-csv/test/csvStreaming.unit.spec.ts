import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvImporter } from '../src/csvImporter.ts';

const ROWS = 200_000;
const MB = 1024 * 1024;

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'monity-importer-csv-stream-'));
  path = join(dir, 'naleznosci.csv');
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'win1250'))) await once(out, 'drain');
  };
  await write('Numer;Kontrahent;NIP;Kwota;Termin;Opis\r\n');
  // Some 60 MB: read into memory at once, its rows would take far more than the bound below.
  const description = 'Sprzedaż usług księgowych za okres rozliczeniowy; '.repeat(5);
  for (let row = 1; row <= ROWS; row += 1) {
    const day = String((row % 28) + 1).padStart(2, '0');
    await write(
      `FV/${row};Przedsiębiorstwo Żółć ${row} Sp. z o.o.;${5260000000 + row};` +
        `${row},${String(row % 100).padStart(2, '0')};${day}.03.2024;"${description}"\r\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading a large CSV file', () => {
  it('streams its rows with flat memory', async () => {
    expect((await stat(path)).size).toBeGreaterThan(50 * MB);
    const file = { name: 'naleznosci.csv', open: () => createReadStream(path) };
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let last: { line: number; cells: Record<string, string> } | undefined;

    const reading = await csvImporter.read(file);
    for await (const row of reading.rows) {
      count += 1;
      last = row;
      if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }

    expect(reading.details).toEqual({ encoding: 'windows-1250', delimiter: ';' });
    expect(count).toBe(ROWS);
    expect(last?.line).toBe(ROWS + 1);
    expect(last?.cells.Kontrahent).toBe(`Przedsiębiorstwo Żółć ${ROWS} Sp. z o.o.`);
    expect(last?.cells.Kwota).toBe(`${ROWS},00`);
    expect((peak - before) / MB).toBeLessThan(100);
  }, 120_000);
});
