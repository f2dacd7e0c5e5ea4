/** The cell delimiters Monity tells apart. */
export type CsvDelimiter = ';' | ',' | '\t' | '|';

/**
 * In order of preference when two fit equally well: Polish exports use `;` because `,` is the
 * decimal separator.
 */
const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t', '|'];

/** Enough lines to see the shape of a file without reading much of it. */
const MAX_RECORDS = 200;

/**
 * The delimiter that splits the most records of the sample into the same number of cells,
 * more than one. Records are counted as the parser will read them: a delimiter or a line
 * break inside quotes does not count. A file of one column gets `;`.
 *
 * @param text the decoded start of the file
 * @param isWhole whether `text` is the whole file; if not, its last record may be cut off
 */
export function detectDelimiter(text: string, isWhole: boolean): CsvDelimiter {
  let best: CsvDelimiter = ';';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    const score = agreement(cellCounts(text, candidate, isWhole));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** How many records share the most common cell count above one. */
function agreement(counts: number[]): number {
  const frequency = new Map<number, number>();
  for (const count of counts) {
    if (count > 1) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  }
  return Math.max(0, ...frequency.values());
}

/** The number of cells of each non-blank record, splitting on `delimiter`. */
function cellCounts(text: string, delimiter: CsvDelimiter, isWhole: boolean): number[] {
  const counts: number[] = [];
  let cells = 1;
  let blank = true;
  let atCellStart = true;
  let quoted = false;
  for (let index = 0; index < text.length && counts.length < MAX_RECORDS; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') continue;
      if (text[index + 1] === '"') index += 1;
      else quoted = false;
    } else if (char === delimiter) {
      cells += 1;
      blank = false;
      atCellStart = true;
    } else if (char === '\n') {
      if (!blank) counts.push(cells);
      cells = 1;
      blank = true;
      atCellStart = true;
    } else if (char === '"' && atCellStart) {
      quoted = true;
      blank = false;
      atCellStart = false;
    } else if (char !== ' ' && char !== '\t' && char !== '\r') {
      blank = false;
      atCellStart = false;
    }
  }
  if (isWhole && !blank && !quoted) counts.push(cells);
  return counts;
}
