import { createMonityClient, type ApiError } from '@monity/sdk';

// Answers where a 401 is about the credentials typed in, not about an expired session.
const CREDENTIAL_PATHS = ['/api/auth/', '/api/invitations/accept'];
/** How long the first page's asks ahead wait for the shell's look at the read models. */
const SHELL_LOOK_WAIT_MS = 300;

/**
 * The API client of the app. The page's own origin serves the API, so no address is
 * configured. When the session ends under an open page (it expired, or an owner disabled the
 * user), the next request's 401 sends the person to the login page, then back.
 */
export default defineNuxtPlugin({
  name: 'monity:api',
  // Before the router's plugin (-20), which loads the first page: its data is asked for ahead
  // here, while the page's scripts load.
  order: -30,
  setup(nuxtApp) {
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

    const send: typeof fetch = (input, init) => {
      if (input !== '/api/session') noteDataAsked();
      return fetch(input, init);
    };
    const early = createEarlyAnswers(takeEarlySession(), Date.now, send);
    // Asks for a page's data ahead (utils/pageAsks.ts); the page's own requests take those
    // answers. Its error answers are the page's to read, not its own.
    const apiAhead = createMonityClient({ fetch: early.ask });
    const path = window.location.pathname;
    void shellLookedAtReadModels(SHELL_LOOK_WAIT_MS).then(() => askAhead(apiAhead, path));
    return {
      provide: {
        api: createMonityClient({ onError, fetch: early.take }),
        apiAhead,
        earlyAnswers: early,
      },
    };
  },
});
