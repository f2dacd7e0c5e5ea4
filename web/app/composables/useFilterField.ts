/**
 * One field of a list's filter, read and written in place: a write replaces the filter, so
 * whatever follows it (the list, the URL) sees the change.
 */
export function useFilterField<F extends object, K extends keyof F>(filter: Ref<F>, key: K) {
  return computed({
    get: () => filter.value[key],
    set: (value: F[K]) => (filter.value = { ...filter.value, [key]: value }),
  });
}

/**
 * A filter field behind a select or a date input: `empty` (such as "all", or no date) stands
 * for the field not set.
 */
export function useFilterChoice<F extends object>(filter: Ref<F>, key: keyof F, empty: string) {
  return computed({
    get: () => (filter.value[key] as string | undefined) ?? empty,
    set: (value: string) => {
      filter.value = { ...filter.value, [key]: value === empty ? undefined : value };
    },
  });
}

/** A yes-only filter field behind a switch: off leaves the field unset. */
export function useFilterSwitch<F extends object>(filter: Ref<F>, key: keyof F) {
  return computed({
    get: () => filter.value[key] === true,
    set: (value: boolean) => (filter.value = { ...filter.value, [key]: value || undefined }),
  });
}
