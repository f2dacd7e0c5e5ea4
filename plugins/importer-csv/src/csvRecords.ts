import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ImportFile } from '@monity/core';
import type { CsvDelimiter } from './detectDelimiter.ts';
import { ICONV_NAMES, type CsvEncoding } from './detectEncoding.ts';

/** One record of a CSV file that has at least one cell that is not blank. */
export interface CsvRecord {
  /** The physical line of the file the record starts on, 1-based. */
  line: number;
  /** Its cells, trimmed. */
  cells: string[];
}

/**
 * No invoice row comes near this; a quote that is never closed would otherwise pull the rest
 * of the file into one cell, and into memory.
 */
const MAX_RECORD_SIZE = 1_000_000;

/**
 * The records of the file, read as a stream: bytes, decoded text, parsed records. Breaking
 * out of the loop closes the file.
 */
export async function* csvRecords(
  file: ImportFile,
  encoding: CsvEncoding,
  delimiter: CsvDelimiter,
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    // Records of the wrong length are kept, with their cells, for the mapping to report; the
    // strict check would stop the whole file at the first one.
    relax_column_count: true,
    // Company names such as `PHU "Kowalski"` come unquoted from some ERPs: keep the quotes.
    relax_quotes: true,
    trim: true,
    max_record_size: MAX_RECORD_SIZE,
  });
  // Errors of any stage reach the parser, and so the loop below; closing it closes the file.
  pipeline(file.open(), iconv.decodeStream(ICONV_NAMES[encoding]), parser, () => {});
  let line = 1;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      // csv-parse's `info.lines` is where a record ends, and counts a CRLF inside quotes as two
      // lines; the line breaks in the cells themselves give where each record starts.
      const start = line;
      line += 1;
      for (const value of values) line += lineBreaks(value);
      const cells = values.map((value) => value.trim());
      if (cells.some((cell) => cell !== '')) yield { line: start, cells };
    }
  } catch (error) {
    throw error instanceof CsvError ? new Error(explain(error, line)) : error;
  } finally {
    parser.destroy();
  }
}

function lineBreaks(value: string): number {
  let count = 0;
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) {
    count += 1;
  }
  return count;
}

function explain(error: CsvError, line: number): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `The quoted cell on line ${line} is never closed`;
    case 'CSV_MAX_RECORD_SIZE':
      return (
        `The row on line ${line} is longer than ${MAX_RECORD_SIZE} characters: ` +
        'most likely a quoted cell that is never closed'
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `On line ${line}, a quoted cell has text after its closing quote`;
    default:
      return `The file cannot be read as CSV from line ${line}: ${error.message}`;
  }
}
