import type { AuditEntry, AuditLogFilter } from '@monity/sdk';

const PAGE_SIZE = 50;

/** Audit entries matching a filter, newest first, a page at a time ("load more"). */
export function useAuditLog(filter: Ref<AuditLogFilter>) {
  const api = useApi();
  const entries = ref<AuditEntry[]>([]);
  const next = ref<string | null>(null);
  const { run, pending, error } = useAction((after?: string) =>
    api.auditLog.list({ ...filter.value, after, limit: PAGE_SIZE }),
  );

  async function reload(): Promise<void> {
    const page = await run();
    entries.value = page?.entries ?? [];
    next.value = page?.next ?? null;
  }

  async function loadMore(): Promise<void> {
    if (!next.value) return;
    const page = await run(next.value);
    if (!page) return;
    entries.value = [...entries.value, ...page.entries];
    next.value = page.next;
  }

  watch(filter, reload, { deep: true, immediate: true });

  return { entries, next, pending, error, loadMore };
}
