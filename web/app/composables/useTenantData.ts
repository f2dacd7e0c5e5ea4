/** Data of the current company, fetched again when the user switches company. */
export function useTenantData<T>(name: string, load: () => Promise<T>) {
  const { session } = useSession();
  return useAsyncData(() => `${name}:${session.value?.tenant.id ?? ''}`, load);
}
