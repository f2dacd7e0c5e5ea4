/**
 * Data of the current company, fetched again when the user switches company, and when any of
 * `watch` changes (a report's options).
 *
 * Components that ask for the same data by the same name share one request: a second asking
 * while the first is on its way waits for it (a page and the component it shows, or a page's
 * asks as its route resolves). `refresh()` asks anew whatever is on its way, since it follows
 * a change the request on its way may not show.
 */
export function useTenantData<T>(
  name: string,
  load: () => Promise<T>,
  options: { watch?: Ref<unknown>[] } = {},
) {
  const { session } = useSession();
  const data = useAsyncData(() => `${name}:${session.value?.tenant.id ?? ''}`, load, {
    watch: options.watch,
    // A changed option asks anew; the same question again waits for the answer on its way.
    dedupe: options.watch ? 'cancel' : 'defer',
  });
  const ask = data.refresh;
  const refresh: typeof ask = (opts) => ask({ dedupe: 'cancel', ...opts });
  return Object.assign(data, { refresh, execute: refresh });
}
