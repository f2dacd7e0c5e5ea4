const LIMIT = 99;

/**
 * How many messages wait for a collector's approval, for the navigation's badge: "99+" past 99,
 * nothing when none wait. Asked in the browser when shown and again on each change of page,
 * rather than over a live stream of its own (a tab keeps few connections to spare).
 */
export function useApprovalCount() {
  const api = useApi();
  const route = useRoute();
  const { can } = useSession();
  const count = ref(0);
  const more = ref(false);

  async function look() {
    if (!can('ledger.write')) return;
    const page = await api.messages
      .list({ status: 'awaiting_approval', limit: LIMIT })
      .catch(() => null);
    if (!page) return;
    count.value = page.items.length;
    more.value = page.next !== null;
  }

  onMounted(look);
  watch(() => route.path, look);

  return computed(() => (count.value === 0 ? undefined : `${count.value}${more.value ? '+' : ''}`));
}
