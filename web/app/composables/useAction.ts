import { isApiError } from '@monity/sdk';

export interface ActionOptions {
  /** Message keys for answers whose meaning this action knows, by HTTP status. */
  byStatus?: Partial<Record<number, string>>;
}

/**
 * Runs a request for a form or a button: tracks that it is pending, and on failure keeps a
 * message and the field errors the API named, keyed by path: `/body/taxId` → `taxId`,
 * `/body/bankAccounts/0/iban` → `bankAccounts.0.iban`.
 */
export function useAction<A extends unknown[], T>(
  action: (...args: A) => Promise<T>,
  options: ActionOptions = {},
) {
  const { t } = useI18n();
  const problemMessage = useProblemMessage();
  const fieldMessage = useFieldMessage();
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
      const fields = isApiError(failure) ? failure.fieldErrorsByPath() : {};
      fieldErrors.value = Object.fromEntries(
        Object.entries(fields).map(([field, message]) => [field, fieldMessage(message)]),
      );
      const known = isApiError(failure) ? options.byStatus?.[failure.status] : undefined;
      error.value = known ? t(known) : problemMessage(failure);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  return { run, pending, error, fieldErrors };
}
