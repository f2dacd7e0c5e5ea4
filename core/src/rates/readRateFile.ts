import { ValidationError } from '../errors.ts';
import type { RateTable } from './exchangeRateEvents.ts';
import { readNbpCsv } from './nbpCsv.ts';
import { readNbpJson } from './nbpJson.ts';

export type RateFileFormat = 'nbp-json' | 'nbp-csv';

/**
 * Which of NBP's formats a file is in, by its content rather than its name: JSON starts with
 * `[` or `{` (after a byte order mark and white space); anything else is read as the CSV
 * archive, whose reader says what it misses.
 */
export function rateFileFormat(bytes: Uint8Array): RateFileFormat {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i]!)) i += 1;
  return bytes[i] === 0x5b || bytes[i] === 0x7b ? 'nbp-json' : 'nbp-csv';
}

/** The tables of an uploaded file in either format; problems are addressed under `/file`. */
export function readRateFile(bytes: Uint8Array): { format: RateFileFormat; tables: RateTable[] } {
  const format = rateFileFormat(bytes);
  if (format === 'nbp-csv') return { format, tables: readNbpCsv(bytes, '/file') };

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValidationError('The file is not valid JSON', [
      { pointer: '/file', message: `not valid JSON: ${reason}` },
    ]);
  }
  return { format, tables: readNbpJson(value, '/file') };
}
