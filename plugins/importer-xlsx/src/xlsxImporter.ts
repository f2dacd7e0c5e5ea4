import type ExcelJS from 'exceljs';
import { cellsByHeader, uniqueHeaders, type ImportedRow, type Importer } from '@monity/core';
import { cellText } from './cellText.ts';
import { openFirstWorksheet, type WorksheetRows } from './firstWorksheet.ts';
import { checkXlsxSignature, NOT_XLSX } from './xlsxSignature.ts';

/**
 * Reads the first worksheet of an XLSX workbook: its first row that is not blank is the
 * header, every later one a row, with `line` the row number Excel shows. The workbook is read
 * once, as a stream, from `read` to the last row, so `rows` can be gone through once.
 */
export const xlsxImporter: Importer = {
  name: 'xlsx',
  formats: ['xlsx'],
  async read(file) {
    await checkXlsxSignature(file);
    const worksheet = await damaged(openFirstWorksheet(file));
    if (!worksheet) throw new Error(`${NOT_XLSX}: it holds no worksheet`);
    let header: string[] | undefined;
    try {
      header = (await damaged(nextRow(worksheet)))?.cells;
    } catch (error) {
      await worksheet.close();
      throw error;
    }
    if (!header) await worksheet.close();
    const headers = uniqueHeaders(withoutTrailingBlanks(header ?? []));
    let taken = false;
    return {
      headers,
      details: { sheet: worksheet.name },
      rows: {
        [Symbol.asyncIterator]() {
          if (taken) throw new Error('The rows of an XLSX reading can be gone through once');
          taken = true;
          return header ? dataRows(worksheet, headers) : emptyRows();
        },
      },
    };
  },
};

interface SheetRow {
  line: number;
  cells: string[];
}

/** The next row that has a cell that is not blank. */
async function nextRow(worksheet: WorksheetRows): Promise<SheetRow | undefined> {
  for (let next = await worksheet.rows.next(); !next.done; next = await worksheet.rows.next()) {
    const cells = rowCells(next.value);
    if (cells.some((cell) => cell !== '')) return { line: next.value.number, cells };
  }
  return undefined;
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    cells[column - 1] = cellText(cell);
  });
  return Array.from(cells, (cell) => cell ?? '');
}

/** Empty cells right of the table are not columns; empty cells within it are. */
function withoutTrailingBlanks(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end -= 1;
  return cells.slice(0, end);
}

async function* dataRows(worksheet: WorksheetRows, headers: string[]): AsyncGenerator<ImportedRow> {
  try {
    let row = await damaged(nextRow(worksheet));
    while (row) {
      yield { line: row.line, cells: cellsByHeader(headers, row.cells) };
      row = await damaged(nextRow(worksheet));
    }
  } finally {
    await worksheet.close();
  }
}

async function* emptyRows(): AsyncGenerator<ImportedRow> {}

/** The reader's own errors, such as `FILE_ENDED`, say nothing to a user. */
async function damaged<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    throw new Error('The XLSX workbook is damaged and cannot be read', { cause: error });
  }
}
