/**
 * TEST HOOK. The points of a hand-over where the crash tests kill the dispatcher's process
 * (core/test/dispatch/dispatchCrash.e2e.spec.ts):
 * - `before-mark`: a row is claimed for a batch, not yet marked in flight
 * - `before-call`: the in-flight mark is committed, the channel not yet called
 * - `after-call`: the channel has answered, nothing recorded
 * - `before-commit`: the outcome is written in its transaction, not committed
 */
const CRASH_POINTS = ['before-mark', 'before-call', 'after-call', 'before-commit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];
export type CrashHook = (point: CrashPoint) => void;

/** The environment variable of the hook; read from the process's environment only. */
export const CRASH_VARIABLE = 'MONITY_TEST_DISPATCH_CRASH';

/**
 * TEST HOOK. `MONITY_TEST_DISPATCH_CRASH=<point>` or `<point>@<n>` makes the process kill itself
 * with SIGKILL the n-th time (first by default) a hand-over reaches the point. It is honoured
 * only with `NODE_ENV=test`, and read from the environment of the process at its start: no
 * setting, request or tenant's data can turn it on.
 */
export function crashHookFromEnv(env: NodeJS.ProcessEnv): CrashHook | undefined {
  const raw = env[CRASH_VARIABLE];
  if (!raw || env.NODE_ENV !== 'test') return undefined;
  const [point, times = '1'] = raw.split('@');
  if (!CRASH_POINTS.includes(point as CrashPoint) || !/^[1-9]\d*$/.test(times)) {
    throw new Error(`${CRASH_VARIABLE} must be one of ${CRASH_POINTS.join(', ')}, with @<n>`);
  }
  let left = Number(times);
  return (reached) => {
    if (reached !== point || --left > 0) return;
    process.kill(process.pid, 'SIGKILL');
  };
}
