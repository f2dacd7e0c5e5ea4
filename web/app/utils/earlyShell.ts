/**
 * The page shell asks for the session while the app's scripts are still loading (the inline
 * script `EARLY_SESSION_SCRIPT`, which nuxt.config.ts puts in the head), so the answer is there
 * by the time the route middleware needs it instead of being asked for only after them.
 */
export const EARLY_SESSION_SCRIPT =
  "window.__monitySession=fetch('/api/session',{credentials:'same-origin'," +
  "headers:{accept:'application/json'}})";

declare global {
  interface Window {
    __monitySession?: Promise<Response>;
  }
}

/**
 * `fetch` for the API client: the first `GET /api/session` takes the answer the shell's request
 * got (once: a response is read only once), or asks again if that request failed.
 */
export function fetchWithEarlySession(): typeof fetch {
  let early = window.__monitySession;
  window.__monitySession = undefined;
  return (input, init) => {
    const isSession = input === '/api/session' && (init?.method ?? 'GET') === 'GET';
    if (!early || !isSession) return fetch(input, init);
    const answer = early;
    early = undefined;
    return answer.catch(() => fetch(input, init));
  };
}
