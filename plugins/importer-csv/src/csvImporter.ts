import iconv from 'iconv-lite';
import {
  cellsByHeader,
  uniqueHeaders,
  type ImportFile,
  type ImportedRow,
  type Importer,
} from '@monity/core';
import { csvRecords } from './csvRecords.ts';
import { detectDelimiter, type CsvDelimiter } from './detectDelimiter.ts';
import { detectEncoding, ICONV_NAMES, type CsvEncoding } from './detectEncoding.ts';
import { sampleFile } from './sampleFile.ts';

/**
 * Reads delimited text files. The first record that is not blank is the header; every later
 * one is a row. Each pass over `rows` reads the file anew, as a stream.
 */
export const csvImporter: Importer = {
  name: 'csv',
  formats: ['csv', 'txt'],
  async read(file) {
    const sample = await sampleFile(file);
    const encoding = detectEncoding(sample);
    const text = iconv.decode(sample.start, ICONV_NAMES[encoding]);
    const delimiter = detectDelimiter(text, sample.startIsWhole);
    const headers = uniqueHeaders((await headerRecord(file, encoding, delimiter)) ?? []);
    return {
      headers,
      details: { encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter },
      rows: { [Symbol.asyncIterator]: () => dataRows(file, encoding, delimiter, headers) },
    };
  },
};

async function headerRecord(
  file: ImportFile,
  encoding: CsvEncoding,
  delimiter: CsvDelimiter,
): Promise<string[] | undefined> {
  for await (const record of csvRecords(file, encoding, delimiter)) return record.cells;
  return undefined;
}

async function* dataRows(
  file: ImportFile,
  encoding: CsvEncoding,
  delimiter: CsvDelimiter,
  headers: string[],
): AsyncGenerator<ImportedRow> {
  let header = true;
  for await (const { line, cells } of csvRecords(file, encoding, delimiter)) {
    if (header) header = false;
    else yield { line, cells: cellsByHeader(headers, cells) };
  }
}
