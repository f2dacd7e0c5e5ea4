/**
 * How importers name the columns of a file and key its cells, so that a file reads the same
 * whatever its format: the names are what the user picks from when mapping columns.
 */

/**
 * Column names from a file's header cells: trimmed, with runs of white space (line breaks in
 * a header cell, non-breaking spaces) made one space and any byte order mark dropped. An empty
 * name becomes `Kolumna 3` after its 1-based position; a repeated name gets a suffix,
 * `Kwota (2)`, that no other header of the file already uses.
 */
export function uniqueHeaders(names: readonly string[]): string[] {
  const cleaned = names.map((name) =>
    name
      .replace(/\uFEFF/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  // A name the file spells out keeps it even when an earlier duplicate could have taken it.
  const used = new Set(cleaned.filter((name) => name !== ''));
  const kept = new Set<string>();
  return cleaned.map((name, index) => {
    if (name !== '' && !kept.has(name)) {
      kept.add(name);
      return name;
    }
    const base = name === '' ? `Kolumna ${index + 1}` : name;
    let unique = base;
    for (let suffix = 2; used.has(unique); suffix += 1) unique = `${base} (${suffix})`;
    used.add(unique);
    kept.add(unique);
    return unique;
  });
}

/**
 * The cells of one data row by header. A short row gets `''` for its missing cells; the cells
 * of a long row past the last header are kept as `column_5` after their 1-based position,
 * when not empty, so that nothing in the file is dropped without a trace.
 */
export function cellsByHeader(
  headers: readonly string[],
  values: readonly string[],
): Record<string, string> {
  const entries = headers.map((header, index): [string, string] => [header, values[index] ?? '']);
  for (let index = headers.length; index < values.length; index += 1) {
    const value = values[index];
    if (value) entries.push([`column_${index + 1}`, value]);
  }
  // fromEntries defines own properties, so a header such as `__proto__` stays a plain key.
  return Object.fromEntries(entries);
}
