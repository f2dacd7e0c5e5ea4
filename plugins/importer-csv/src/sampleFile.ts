import { isAscii } from 'node:buffer';
import type { ImportFile } from '@monity/core';

/** How much of the file the detection of encoding and delimiter looks at. */
const SAMPLE_SIZE = 64 * 1024;

/** The bytes of a file that its encoding and delimiter are judged by. */
export interface FileSample {
  /** The first bytes of the file, at most `SAMPLE_SIZE`. */
  start: Buffer;
  /** Whether `start` is the whole file, so that its last line is not cut off. */
  startIsWhole: boolean;
  /**
   * At most `SAMPLE_SIZE` bytes from the first byte above 0x7F, wherever it is in the file;
   * absent when the file is ASCII only.
   */
  firstNonAscii?: { bytes: Buffer; reachesEnd: boolean };
}

/**
 * Reads the start of the file and, when that is ASCII only, on to its first other byte. ASCII
 * reads the same in every encoding Monity tells apart, so only the bytes above it can tell
 * UTF-8 from Windows-1250, and an export may list a thousand invoices before the first Polish
 * name. Memory stays at two samples however far the search goes.
 */
export async function sampleFile(file: ImportFile): Promise<FileSample> {
  const start: Buffer[] = [];
  let startLength = 0;
  let total = 0;
  let window: Buffer[] | undefined;
  let windowLength = 0;
  const source = file.open();
  try {
    for await (const data of source as AsyncIterable<Buffer | string>) {
      let chunk = typeof data === 'string' ? Buffer.from(data) : data;
      total += chunk.length;
      if (startLength < SAMPLE_SIZE) {
        const head = chunk.subarray(0, SAMPLE_SIZE - startLength);
        start.push(head);
        startLength += head.length;
      }
      if (!window) {
        if (isAscii(chunk)) continue;
        chunk = chunk.subarray(chunk.findIndex((byte) => byte > 0x7f));
        window = [];
      }
      const part = chunk.subarray(0, SAMPLE_SIZE - windowLength);
      window.push(part);
      windowLength += part.length;
      if (windowLength >= SAMPLE_SIZE) {
        return {
          start: Buffer.concat(start),
          startIsWhole: false,
          firstNonAscii: { bytes: Buffer.concat(window), reachesEnd: false },
        };
      }
    }
  } finally {
    source.destroy();
  }
  return {
    start: Buffer.concat(start),
    startIsWhole: total === startLength,
    ...(window && { firstNonAscii: { bytes: Buffer.concat(window), reachesEnd: true } }),
  };
}
