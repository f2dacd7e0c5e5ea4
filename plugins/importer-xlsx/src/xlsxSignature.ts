import type { ImportFile } from '@monity/core';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The container of XLS workbooks, and of XLSX workbooks protected by a password. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export const NOT_XLSX = 'The file is not an XLSX workbook';

/**
 * Rejects a file that cannot be a workbook before the workbook reader sees it: given an empty
 * file, that reader never settles.
 */
export async function checkXlsxSignature(file: ImportFile): Promise<void> {
  const start = await firstBytes(file, COMPOUND_FILE.length);
  if (startsWith(start, ZIP)) return;
  if (startsWith(start, COMPOUND_FILE)) {
    throw new Error(
      `${NOT_XLSX}: it is an XLS workbook of Excel 97-2003 or a workbook protected by a ` +
        'password; save it in Excel as an XLSX workbook without a password',
    );
  }
  throw new Error(NOT_XLSX);
}

async function firstBytes(file: ImportFile, count: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const source = file.open();
  try {
    for await (const data of source as AsyncIterable<Buffer | string>) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      chunks.push(chunk);
      length += chunk.length;
      if (length >= count) break;
    }
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks).subarray(0, count);
}

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}
