import { createReadStream } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { MonityError } from '../../errors.ts';
import type { ImportReading, Importer } from '../../plugins/index.ts';

/** Where uploaded files and record streams wait for their job: `<data dir>/imports/<job id>`. */
export function importFilePath(dataDir: string, jobId: string): string {
  return path.resolve(dataDir, 'imports', jobId);
}

/** Counts the bytes an importer has pulled from a file, for the job's progress bar. */
export function countingOpen(file: string, onBytes: (bytes: number) => void): () => Readable {
  return () => {
    let bytes = 0;
    const counter = new PassThrough();
    counter.on('data', (chunk: Buffer) => onBytes((bytes += chunk.length)));
    // pipeline closes the file when an importer stops reading early and destroys the stream.
    pipeline(createReadStream(file), counter).catch(() => undefined);
    return counter;
  };
}

/** The importer that reads a file by its extension, among those the plugins registered. */
export function importerFor(importers: Iterable<Importer>, fileName: string): Importer {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  for (const importer of importers) if (importer.formats.includes(extension)) return importer;
  const known = [...importers].flatMap((i) => i.formats).join(', ');
  throw new MonityError(
    'import_format_unknown',
    `Monity cannot read .${extension || '?'} files; it reads ${known || 'no files yet'}`,
    415,
  );
}

/**
 * Records sent as NDJSON, one JSON object per line, read as rows with the line as their only
 * cell, so record jobs and file jobs share one runner. Blank lines are skipped.
 */
export function readNdjson(open: () => Readable): ImportReading {
  return {
    headers: ['record'],
    details: { format: 'ndjson' },
    rows: (async function* () {
      const lines = createInterface({ input: open(), crlfDelay: Infinity });
      let line = 0;
      for await (const text of lines) {
        line += 1;
        if (text.trim() !== '') yield { line, cells: { record: text } };
      }
    })(),
  };
}
