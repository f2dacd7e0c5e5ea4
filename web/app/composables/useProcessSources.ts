import type { ChannelAccount, Group, Medium, Template } from '@monity/sdk';
import type { InjectionKey } from 'vue';

/** What a process's steps choose from: groups, templates and channel accounts. */
export interface ProcessSources {
  groups: Ref<Group[]>;
  /** The templates of a medium, those written for `kind` first. */
  templatesFor: (medium: Medium, kind?: string) => Template[];
  /** The accounts whose channel sends this medium. */
  accountsFor: (medium: Medium) => ChannelAccount[];
  groupName: (id: string) => string | undefined;
  templateName: (id: string) => string | undefined;
  /** Whether the groups and templates are in: until then a chosen one has no name to show. */
  loaded: Ref<boolean>;
  /** Why one of the lists could not be loaded, if one could not. */
  error: Ref<unknown>;
}

const SOURCES: InjectionKey<ProcessSources> = Symbol('process-sources');

/**
 * Loads what the builder's steps choose from and makes it available to them. A page that
 * calls it before its builder is shown (a saved process's page, while the process loads) has
 * the lists asked for beside the process, not after it; the builder then takes those.
 */
export function provideProcessSources(): ProcessSources {
  const given = inject(SOURCES, null);
  if (given) return given;
  const api = useApi();
  const groups = useTenantData('groups', () => api.groups.list());
  const templates = useTenantData('process-templates', () => api.templates.list());
  const accounts = useTenantData('channel-accounts', () => api.channelAccounts.list());
  const channels = useTenantData('channels', () => api.channels.list());

  const groupList = computed(() => groups.data.value?.items ?? []);
  const templateList = computed(() => templates.data.value?.items ?? []);
  const sources: ProcessSources = {
    groups: groupList,
    templatesFor: (medium, kind) =>
      templateList.value
        .filter((template) => template.medium === medium)
        .sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind)),
    accountsFor: (medium) => {
      const sending = new Set(
        (channels.data.value?.items ?? [])
          .filter((c) => c.media.includes(medium))
          .map((c) => c.name),
      );
      return (accounts.data.value?.items ?? []).filter((a) => sending.has(a.channel));
    },
    groupName: (id) => groupList.value.find((g) => g.id === id)?.name,
    templateName: (id) => templateList.value.find((t) => t.id === id)?.name,
    loaded: computed(() => !!groups.data.value && !!templates.data.value),
    error: computed(
      () =>
        groups.error.value ?? templates.error.value ?? accounts.error.value ?? channels.error.value,
    ),
  };
  provide(SOURCES, sources);
  return sources;
}

export function useProcessSources(): ProcessSources {
  const sources = inject(SOURCES);
  if (!sources) throw new Error('A process part is used outside ProcessBuilder');
  return sources;
}
