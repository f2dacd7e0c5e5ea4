import { isUtf8 } from 'node:buffer';
import type { FileSample } from './sampleFile.ts';

/** The encodings Monity reads CSV files in; `details.encoding` reports which one it chose. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1250';

/** The names iconv-lite knows the encodings by. */
export const ICONV_NAMES = {
  'utf-8': 'utf8',
  'utf-8-bom': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1250': 'win1250',
} as const satisfies Record<CsvEncoding, string>;

const NOT_TEXT = 'The file is not a text CSV file';

/**
 * Tells the encoding from a byte order mark, else by whether the bytes are valid UTF-8. A
 * statistical detector is not used: on a short Polish sample it wavers between Windows-1250,
 * ISO-8859-2 and Windows-1252, while Polish letters in Windows-1250 (`ł` is 0xB3, a lone UTF-8
 * continuation byte) practically never make valid UTF-8, so the check is all but certain.
 * Polish ERPs export either UTF-8 or Windows-1250; UTF-16 with a mark is what Excel saves as
 * "Unicode text".
 */
export function detectEncoding(sample: FileSample): CsvEncoding {
  const { start, firstNonAscii } = sample;
  if (startsWith(start, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(start, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(start, [0xfe, 0xff])) return 'utf-16be';
  if (start.includes(0) || firstNonAscii?.bytes.includes(0)) throw new Error(NOT_TEXT);
  if (!firstNonAscii) return 'utf-8';
  const { bytes, reachesEnd } = firstNonAscii;
  return isUtf8(reachesEnd ? bytes : withoutCutSequence(bytes)) ? 'utf-8' : 'windows-1250';
}

function startsWith(bytes: Buffer, mark: number[]): boolean {
  return mark.every((byte, index) => bytes[index] === byte);
}

/**
 * The sample without a UTF-8 sequence that its end cuts in two, which would otherwise make a
 * valid UTF-8 file look invalid.
 */
function withoutCutSequence(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(4, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
