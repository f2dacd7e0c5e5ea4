/** One thing a new company does on its way to the first reminder, and the page it is done on. */
export interface FirstRunTask {
  key: 'import' | 'group' | 'template' | 'channel' | 'process';
  to: string;
  done: boolean;
}

/** A step of the journey: its tasks in the order they are done. */
export interface FirstRunStep {
  key: 'ledger' | 'message' | 'process';
  tasks: FirstRunTask[];
  done: boolean;
}

const JOURNEY: { key: FirstRunStep['key']; tasks: Omit<FirstRunTask, 'done'>[] }[] = [
  {
    key: 'ledger',
    tasks: [
      { key: 'import', to: '/import' },
      { key: 'group', to: '/groups/new' },
    ],
  },
  {
    key: 'message',
    tasks: [
      { key: 'template', to: '/templates/new' },
      { key: 'channel', to: '/channels' },
    ],
  },
  { key: 'process', tasks: [{ key: 'process', to: '/processes/new' }] },
];

/**
 * How far the company has come on the three steps to its first reminder, asked of the API:
 * are there invoices, groups, templates, a channel (an account, or the sandbox), processes?
 * `current` is the first task not yet done; null once all are, and for a person whose role
 * cannot take every step (a collector creates no process): the guide is for those who set
 * collection up.
 */
export function useFirstRun() {
  const api = useApi();
  const { can } = useSession();

  async function load() {
    if (!can('ledger.write') || !can('ledger.configure')) return null;
    const [invoices, groups, templates, channels, accounts, processes] = await Promise.all([
      api.invoices.list({ limit: 1 }),
      api.groups.list(),
      api.templates.list(),
      api.channels.list(),
      api.channelAccounts.list(),
      api.processes.list(),
    ]);
    const done: Record<FirstRunTask['key'], boolean> = {
      import: invoices.items.length > 0,
      group: groups.items.length > 0,
      template: templates.items.length > 0,
      channel: accounts.items.length > 0 || channels.items.some((c) => c.name === 'sandbox'),
      process: processes.items.length > 0,
    };
    return { done, sandboxOnly: accounts.items.length === 0 };
  }

  const { data, error, refresh } = useTenantData('first-run', load);
  const steps = computed<FirstRunStep[]>(() => {
    const done = data.value?.done;
    if (!done) return [];
    return JOURNEY.map((step) => {
      const tasks = step.tasks.map((task) => ({ ...task, done: done[task.key] }));
      return { key: step.key, tasks, done: tasks.every((task) => task.done) };
    });
  });
  const current = computed(
    () => steps.value.flatMap((step) => step.tasks).find((task) => !task.done) ?? null,
  );
  const loaded = computed(() => data.value !== undefined || error.value !== undefined);

  // Each import, group, template and process shows in its read model a moment after it is made;
  // once the journey is done, nothing more is asked.
  useLiveUpdates(
    () => {
      if (current.value) void refresh();
    },
    { projections: ['ledger', 'groups', 'templates', 'processes'] },
  );

  return {
    steps,
    current,
    sandboxOnly: computed(() => data.value?.sandboxOnly ?? true),
    loaded,
  };
}
