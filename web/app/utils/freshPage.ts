import type { Page } from '@monity/sdk';

/**
 * A list already loaded a few pages deep, with its first page asked again (after a live
 * change): the fresh page replaces what it covers, so a message that changed status shows the
 * new one, a new message comes first, and one that no longer matches the filter goes; the
 * pages further down stay as they were, and so does their cursor.
 *
 * The list is ordered by `key`, descending (message ids are UUID v7: newest first).
 */
export function withFreshPage<T>(
  loaded: Page<T>,
  fresh: Page<T>,
  key: (item: T) => string,
): Page<T> {
  // A fresh page without a next one holds the whole list.
  if (fresh.next === null) return fresh;
  const last = fresh.items.at(-1);
  if (!last) return fresh;
  const covered = key(last);
  const below = loaded.items.filter((item) => key(item) < covered);
  const seen = new Set(fresh.items.map(key));
  return {
    items: [...fresh.items, ...below.filter((item) => !seen.has(key(item)))],
    // Past the first page, the old cursor still marks where the next one starts.
    next: below.length > 0 ? loaded.next : fresh.next,
  };
}
