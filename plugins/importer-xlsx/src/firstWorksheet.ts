import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportFile } from '@monity/core';

/** The rows of a workbook's first worksheet, being read. */
export interface WorksheetRows {
  name: string;
  rows: AsyncIterator<ExcelJS.Row>;
  /** Stops reading, closes the file and deletes the reader's temporary files. */
  close(): Promise<void>;
}

/** The streaming reader's own typings leave out the name of a worksheet. */
type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name?: string };

/**
 * Opens the workbook and its first worksheet: the first one stored in the file, which is
 * normally the first tab. `undefined` when the file holds no worksheet.
 *
 * The streaming reader works on Node 20, with quirks handled here and in `cellText`:
 * - Excel stores the shared strings after the worksheets, so the reader first copies every
 *   worksheet to a temporary file and reads the rows once the whole file is in: memory stays
 *   flat, but the first row comes only after the last byte. The shared strings themselves are
 *   held in memory, as many as the workbook has distinct texts.
 * - It deletes those temporary files only when its iteration runs to the end; stopped early,
 *   they stay until the process exits. `close` therefore goes through the remaining worksheets.
 * - Given an empty stream it never settles, which `checkXlsxSignature` keeps from happening.
 */
export async function openFirstWorksheet(file: ImportFile): Promise<WorksheetRows | undefined> {
  const source = file.open();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    entries: 'emit',
    sharedStrings: 'cache',
    worksheets: 'emit',
    // Without the styles, date cells would come as day numbers.
    styles: 'cache',
  });
  const worksheets = reader[Symbol.asyncIterator]();
  let first: IteratorResult<WorksheetReader>;
  try {
    first = await worksheets.next();
  } catch (error) {
    source.destroy();
    throw error;
  }
  if (first.done) {
    source.destroy();
    return undefined;
  }
  const rows = first.value[Symbol.asyncIterator]();
  return {
    name: first.value.name ?? '',
    rows,
    close: () => close(source, worksheets, rows),
  };
}

async function close(
  source: Readable,
  worksheets: AsyncGenerator<WorksheetReader>,
  rows: AsyncGenerator<ExcelJS.Row>,
): Promise<void> {
  try {
    // Closes the worksheet's temporary file if it is read from one.
    await rows.return(undefined);
    if (!source.readableEnded) {
      // Worksheets still streaming from the file: nothing was copied yet.
      source.destroy();
      await worksheets.return(undefined);
      return;
    }
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
      // The reader has opened the next worksheet's temporary file; starting and stopping its
      // rows closes it, and the next step of the iteration deletes it.
      const later = next.value[Symbol.asyncIterator]();
      await later.next();
      await later.return(undefined);
    }
  } catch {
    // A damaged later part of the file does not matter to the rows already read.
    source.destroy();
  }
}
