import type { Page, PageQuery } from '@monity/sdk';

const PAGE_SIZE = 50;

/** The query of a list's page: the first when `after` is not given. */
export function pageQuery<F extends object>(filter: F, after?: string): F & PageQuery {
  return { ...filter, after, limit: PAGE_SIZE };
}

/**
 * A keyset-paged list that follows a filter: loaded again whenever the filter changes (after
 * `debounce` ms, for a search box), and extended a page at a time by `loadMore`.
 */
export function useKeysetList<F extends object, T>(
  filter: Ref<F>,
  load: (query: F & PageQuery) => Promise<Page<T>>,
  options: { debounce?: number } = {},
) {
  const items = ref<T[]>([]) as Ref<T[]>;
  const next = ref<string | null>(null);
  const loaded = ref(false);
  const { run, pending, error } = useAction((after?: string) =>
    load(pageQuery(filter.value, after)),
  );
  let asked = 0;

  async function reload(): Promise<void> {
    const ticket = ++asked;
    const page = await run();
    if (ticket !== asked) return; // a newer filter's answer wins
    items.value = page?.items ?? [];
    next.value = page?.next ?? null;
    loaded.value = true;
  }

  async function loadMore(): Promise<void> {
    if (!next.value) return;
    const ticket = asked;
    const page = await run(next.value);
    if (!page || ticket !== asked) return;
    items.value = [...items.value, ...page.items];
    next.value = page.next;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    filter,
    () => {
      clearTimeout(timer);
      timer = setTimeout(reload, options.debounce ?? 0);
    },
    { deep: true },
  );
  onScopeDispose(() => clearTimeout(timer));
  void reload();

  return { items, next, pending, error, loaded, reload, loadMore };
}
