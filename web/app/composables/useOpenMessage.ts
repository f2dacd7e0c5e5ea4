/** The message id in the address (`?message=…`), so a message can be linked and Back works. */
export function useOpenMessage() {
  const route = useRoute();
  const router = useRouter();

  const openId = computed(() =>
    typeof route.query.message === 'string' ? route.query.message : null,
  );
  const select = (id: string) => router.push({ query: { ...route.query, message: id } });
  const close = () => router.push({ query: { ...route.query, message: undefined } });

  return { openId, select, close };
}
