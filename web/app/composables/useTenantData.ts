/**
 * Data of the current company, fetched again when the user switches company, and when any of
 * `watch` changes (a report's options).
 */
export function useTenantData<T>(
  name: string,
  load: () => Promise<T>,
  options: { watch?: Ref<unknown>[] } = {},
) {
  const { session } = useSession();
  return useAsyncData(() => `${name}:${session.value?.tenant.id ?? ''}`, load, {
    watch: options.watch,
  });
}
