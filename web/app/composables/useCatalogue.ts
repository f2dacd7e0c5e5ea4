import type { Attribute, Category } from '@monity/sdk';

/** The company's customer categories and attributes, loaded once per company and page. */
export function useCatalogue() {
  const api = useApi();
  const categories = useTenantData('categories', () => api.categories.list());
  const attributes = useTenantData('attributes', () => api.attributes.list());

  const categoryList = computed<Category[]>(() => categories.data.value?.items ?? []);
  const attributeList = computed<Attribute[]>(() => attributes.data.value?.items ?? []);
  const categoryById = computed(
    () => new Map(categoryList.value.map((category) => [category.id, category])),
  );

  return {
    categories: categoryList,
    attributes: attributeList,
    categoryById,
    error: computed(() => categories.error.value ?? attributes.error.value),
    refresh: () => Promise.all([categories.refresh(), attributes.refresh()]),
  };
}
