import {
  DEFAULT_AGING_SCHEME_ID,
  type AgingScheme,
  type Attribute,
  type Category,
  type GroupField,
  type Process,
} from '@monity/sdk';
import type { InjectionKey } from 'vue';
import type { CriteriaContext } from '~/utils/criteriaDefaults';
import type { CriteriaDraft, CriteriaGroupDraft } from '~/utils/criteriaDraft';

/** What every part of the criteria builder shares, however deep it is nested. */
export interface CriteriaEditor {
  fields: Ref<GroupField[]>;
  /** Why the fields could not be loaded, if they could not. */
  fieldsError: Ref<unknown>;
  context: Ref<CriteriaContext>;
  schemes: Ref<AgingScheme[]>;
  categories: Ref<Category[]>;
  attributes: Ref<Attribute[]>;
  /** The company's collection processes, whose steps a condition may name. */
  processes: Ref<Process[]>;
  /** Messages of the API's refusal, by the key of the node they are about. */
  errors: Ref<Record<string, string[]>>;
  update: (key: string, change: (node: CriteriaDraft) => CriteriaDraft) => void;
  remove: (key: string) => void;
  append: (groupKey: string, child: CriteriaDraft) => void;
}

const EDITOR: InjectionKey<CriteriaEditor> = Symbol('criteria-editor');

/**
 * What the builder needs to offer fields and fill in values: the fields the API allows, the
 * company's aging schemes, categories, attributes and processes, its currency and today. A
 * page that calls it before its builder is shown has them asked for beside its own data; the
 * builder's call then shares those requests by their keys.
 */
export function useCriteriaSources() {
  const api = useApi();
  const today = useToday();
  const { session } = useSession();
  const { categories, attributes } = useCatalogue();
  const fields = useTenantData('group-fields', () => api.groups.fields());
  const schemes = useTenantData('aging-schemes', () => api.aging.schemes.list());
  const processes = useTenantData('processes', () => api.processes.list());

  const schemeList = computed(() => schemes.data.value?.items ?? []);
  const processList = computed(() => processes.data.value?.items ?? []);
  const context = computed<CriteriaContext>(() => {
    const scheme =
      schemeList.value.find((s) => s.id === DEFAULT_AGING_SCHEME_ID) ?? schemeList.value[0];
    const overdue = scheme?.buckets.find((bucket) => bucket.to === null || bucket.to > 0);
    const process = processList.value.find((p) => p.steps.length > 0);
    return {
      today: today(),
      currency: session.value?.tenant.defaultCurrency ?? 'PLN',
      scheme: scheme && { id: scheme.id, overdueBucket: overdue?.label },
      categoryId: categories.value[0]?.id,
      attributes: attributes.value,
      step: process && { processId: process.id, stepId: process.steps[0]!.id },
    };
  });

  return {
    fields: computed(() => fields.data.value?.fields ?? []),
    fieldsError: fields.error,
    schemes: schemeList,
    processes: processList,
    categories,
    attributes,
    context,
  };
}

/** Makes the builder's shared state available to the groups and conditions inside it. */
export function provideCriteriaEditor(
  draft: Ref<CriteriaGroupDraft>,
  errors: Ref<Record<string, string[]>>,
): CriteriaEditor {
  // Every edit keeps the root a group: a group's own edits change its mode, never its kind.
  const replace = (next: CriteriaDraft) => (draft.value = next as CriteriaGroupDraft);
  const editor: CriteriaEditor = {
    ...useCriteriaSources(),
    errors,
    update: (key, change) => replace(updateCriteriaNode(draft.value, key, change)),
    remove: (key) => replace(removeCriteriaNode(draft.value, key)),
    append: (groupKey, child) => replace(appendCriteriaNode(draft.value, groupKey, child)),
  };
  provide(EDITOR, editor);
  return editor;
}

export function useCriteriaEditor(): CriteriaEditor {
  const editor = inject(EDITOR);
  if (!editor) throw new Error('A criteria part is used outside CriteriaBuilder');
  return editor;
}
