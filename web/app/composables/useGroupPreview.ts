import { isApiError, type FieldError, type GroupPreview, type GroupSelection } from '@monity/sdk';

const DEBOUNCE_MS = 300;

/**
 * The read models a preview's figures come from (`useLiveUpdates`' names): the ledger, the
 * steps invoices reached and the messages customers were sent.
 */
export const GROUP_PREVIEW_READ_MODELS = ['ledger', 'collection_progress', 'messages'];

/**
 * What a selection being edited holds now: asked again 300 ms after the last change (and
 * whenever `refresh` is called, such as when the ledger changes), with only the newest
 * question's answer shown. A refused selection keeps the last answer, marked `stale`, and the
 * field errors that say why. A null selection (nothing to ask yet) clears the answer.
 */
export function useGroupPreview(selection: Ref<GroupSelection | null>, limit = 10) {
  const api = useApi();
  const problemMessage = useProblemMessage();
  const preview = ref<GroupPreview | null>(null);
  const stale = ref(false);
  const pending = ref(false);
  const error = ref<string | null>(null);
  const fieldErrors = ref<FieldError[]>([]);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(answer: GroupPreview | null, failure?: unknown): void {
    stale.value = failure !== undefined && preview.value !== null;
    if (failure === undefined) preview.value = answer;
    error.value = failure === undefined ? null : problemMessage(failure);
    fieldErrors.value = isApiError(failure) ? failure.errors : [];
  }

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    const ticket = ++asked;
    const body = selection.value;
    pending.value = body !== null;
    if (!body) return show(null);
    try {
      const answer = await api.groups.preview({ ...body, limit });
      if (ticket === asked) show(answer); // otherwise a newer edit's answer wins
    } catch (failure) {
      if (ticket === asked) show(null, failure);
    } finally {
      if (ticket === asked) pending.value = false;
    }
  }

  watch(
    () => JSON.stringify(selection.value),
    () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, DEBOUNCE_MS);
    },
  );
  onScopeDispose(() => clearTimeout(timer));
  void refresh();

  return { preview, stale, pending, error, fieldErrors, refresh };
}
