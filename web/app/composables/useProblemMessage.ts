import { isApiError } from '@monity/sdk';

/** Turns a failed request into a sentence for people, in the page's language. */
export function useProblemMessage() {
  const { t, te } = useI18n();

  return (failure: unknown): string => {
    // useAsyncData wraps what the request threw: the ApiError is then the cause.
    const error = isApiError(failure) ? failure : (failure as { cause?: unknown } | null)?.cause;
    if (!isApiError(error)) return t('errors.network');
    const key = `errors.${error.code}`;
    if (te(key)) return t(key, { seconds: error.retryAfter ?? 60 });
    if (error.status >= 500) return t('errors.server', { requestId: error.requestId ?? '—' });
    return error.detail || t('errors.unexpected');
  };
}
