import { isApiError } from '@monity/sdk';

/**
 * Runs a request for a form or a button: tracks that it is pending, and on failure keeps a
 * message and the field errors the API named (keyed by field, from `/body/<field>` pointers).
 */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const problemMessage = useProblemMessage();
  const pending = ref(false);
  const error = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});

  async function run(...args: A): Promise<T | undefined> {
    pending.value = true;
    error.value = null;
    fieldErrors.value = {};
    try {
      return await action(...args);
    } catch (failure) {
      fieldErrors.value = isApiError(failure) ? failure.fieldErrors() : {};
      error.value = problemMessage(failure);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  return { run, pending, error, fieldErrors };
}
