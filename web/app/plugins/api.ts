import { createMonityClient, type ApiError } from '@monity/sdk';

// Answers where a 401 is about the credentials typed in, not about an expired session.
const CREDENTIAL_PATHS = ['/api/auth/', '/api/invitations/accept'];

/**
 * The API client of the app. The page's own origin serves the API, so no address is
 * configured. When the session ends under an open page (it expired, or an owner disabled the
 * user), the next request's 401 sends the person to the login page, then back.
 */
export default defineNuxtPlugin((nuxtApp) => {
  const onError = (error: ApiError, request: { path: string }) => {
    if (error.status !== 401 || CREDENTIAL_PATHS.some((path) => request.path.startsWith(path))) {
      return;
    }
    void nuxtApp.runWithContext(async () => {
      const { session, set } = useSession();
      if (!session.value) return;
      set(null);
      const next = useRoute().fullPath;
      await navigateTo(useLocalePath()({ path: '/login', query: { next } }));
    });
  };

  return { provide: { api: createMonityClient({ onError, fetch: fetchWithEarlySession() }) } };
});
