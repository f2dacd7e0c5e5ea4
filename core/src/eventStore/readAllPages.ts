import type { ReadAllOptions, ReadAllPage } from './eventStore.ts';
import { START } from './eventStore.ts';

/**
 * Reads pages in global order up to the end of what is safe to read, asking for the next page
 * as soon as a page arrives, so the database reads while the caller works on the current one.
 *
 * @example
 * ```ts
 * for await (const page of readAllPages((o) => store.readAll(o), { maxCount: 5000 })) {
 *   for (const event of page.events) fold(event);
 * }
 * ```
 */
export async function* readAllPages(
  readAll: (options: ReadAllOptions) => Promise<ReadAllPage>,
  options: ReadAllOptions = {},
): AsyncGenerator<ReadAllPage> {
  let pending = readAll({ ...options, after: options.after ?? START });
  try {
    for (;;) {
      const page = await pending;
      if (page.isEnd) return yield page;
      pending = readAll({ ...options, after: page.next });
      yield page;
    }
  } finally {
    // A caller that stops early leaves one read in flight; its outcome no longer matters.
    pending.catch(() => undefined);
  }
}
