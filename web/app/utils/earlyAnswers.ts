/**
 * Answers asked for before the code that reads them runs. The page shell asks for the session
 * while the app's scripts load (`EARLY_SESSION_SCRIPT`), and a page's data is asked for as its
 * route resolves (`middleware/pageData.global.ts`), while the page's scripts load and the
 * layout renders; the page's own request of the same GET then takes that answer instead of
 * waiting for one of its own.
 */

/** An answer nobody took by then was asked for a page the person has left, or never opened. */
const FRESH_MS = 5_000;

interface Early {
  at: number;
  response: Promise<Response>;
}

export interface EarlyAnswers {
  /** `fetch` for the app's API client: a GET asked for ahead takes that answer, once. */
  take: typeof fetch;
  /** `fetch` for a client that asks ahead: keeps each GET's answer for `take`, reads a copy. */
  ask: typeof fetch;
  /** Drops the answers nobody took, when the person goes to another page. */
  forget(): void;
}

const isGet = (init?: RequestInit) => (init?.method ?? 'GET') === 'GET';

export function createEarlyAnswers(
  session: Promise<Response> | undefined,
  now: () => number = Date.now,
  send: typeof fetch = (input, init) => fetch(input, init),
): EarlyAnswers {
  const answers = new Map<string, Early>();
  if (session) answers.set('/api/session', { at: now(), response: session });

  return {
    take: (input, init) => {
      const early = typeof input === 'string' && isGet(init) ? answers.get(input) : undefined;
      if (!early) return send(input, init);
      answers.delete(input as string);
      if (now() - early.at > FRESH_MS) return send(input, init);
      // A request that failed on its way is asked again; an error answer is the page's to read.
      return early.response.catch(() => send(input, init));
    },
    ask: (input, init) => {
      const response = send(input, init);
      if (typeof input === 'string' && isGet(init)) answers.set(input, { at: now(), response });
      return response.then((answer) => answer.clone());
    },
    forget: () => answers.clear(),
  };
}
