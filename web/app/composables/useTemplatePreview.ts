import {
  isApiError,
  type FieldError,
  type TemplatePreviewMessage,
  type TemplatePreviewRequest,
} from '@monity/sdk';

const DEBOUNCE_MS = 300;

/**
 * A template draft rendered for a customer as it is typed: asked again 300 ms after the last
 * change (at once when another customer is picked), with only the newest question's answer
 * shown. A refused draft (a Liquid syntax
 * error, an unknown variable) keeps the last messages, marked `stale`, and the field errors
 * that say where. A null request (no customer chosen yet) clears the answer.
 */
export function useTemplatePreview(request: Ref<TemplatePreviewRequest | null>) {
  const api = useApi();
  const problemMessage = useProblemMessage();
  const messages = ref<TemplatePreviewMessage[] | null>(null);
  const stale = ref(false);
  const pending = ref(false);
  const error = ref<string | null>(null);
  const fieldErrors = ref<FieldError[]>([]);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function show(answer: TemplatePreviewMessage[] | null, failure?: unknown): void {
    stale.value = failure !== undefined && messages.value !== null;
    if (failure === undefined) messages.value = answer;
    error.value = failure === undefined ? null : problemMessage(failure);
    fieldErrors.value = isApiError(failure) ? failure.errors : [];
  }

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    const ticket = ++asked;
    const body = request.value;
    pending.value = body !== null;
    if (!body) return show(null);
    try {
      const answer = await api.templates.preview(body);
      if (ticket === asked) show(answer.messages); // otherwise a newer edit's answer wins
    } catch (failure) {
      if (ticket === asked) show(null, failure);
    } finally {
      if (ticket === asked) pending.value = false;
    }
  }

  // Typing waits for a pause; a customer picked (the first one, as the editor opens) does not.
  watch(
    () => [request.value?.customerId, JSON.stringify(request.value)] as const,
    ([customerId], [before]) => {
      clearTimeout(timer);
      if (customerId !== before) void refresh();
      else timer = setTimeout(refresh, DEBOUNCE_MS);
    },
  );
  onScopeDispose(() => clearTimeout(timer));
  void refresh();

  return { messages, stale, pending, error, fieldErrors, refresh };
}
