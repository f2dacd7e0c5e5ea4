/**
 * What the page shell asks for while the app's scripts load (`EARLY_SHELL_SCRIPT`, which
 * nuxt.config.ts puts in the head):
 *
 * - the session, so the answer is there by the time the route middleware needs it; the API
 *   client takes it through `createEarlyAnswers`;
 * - where the read models stand: a live stream's `ready`, read and closed at once (refused,
 *   and closed, when nobody is signed in). A page's data asked for after it shows the read
 *   models there or later, so the page's own stream, opening at the same position, has
 *   nothing to report and the page need not read its data a second time (`useLiveUpdates`).
 */
export const EARLY_SHELL_SCRIPT =
  "window.__monitySession=fetch('/api/session',{credentials:'same-origin'," +
  "headers:{accept:'application/json'}});" +
  'window.__monityLive=new Promise(function(done){try{' +
  "var s=new EventSource('/api/live');s.addEventListener('ready',function(e){s.close();" +
  'done({position:e.lastEventId,at:performance.now()})});' +
  's.onerror=function(){s.close();done()}}catch(e){done()}});';

/** Where the shell's stream said the read models stand, and when it said so. */
interface ShellLook {
  position: string;
  at: number;
}

declare global {
  interface Window {
    __monitySession?: Promise<Response>;
    __monityLive?: Promise<ShellLook | undefined>;
  }
}

/** The shell's session request, handed over once. */
export function takeEarlySession(): Promise<Response> | undefined {
  const early = window.__monitySession;
  window.__monitySession = undefined;
  return early;
}

let firstDataAskedAt: number | undefined;
let shellLook: ShellLook | undefined;

/** Notes when the app first asked for data (anything but the session). */
export function noteDataAsked(): void {
  firstDataAskedAt ??= performance.now();
}

/**
 * Resolves once the shell's stream said where the read models stand (or could not), or after
 * `waitMs`: asking for data only then lets the first page's stream know the data shows them
 * there. The answer arrives while the app's scripts run; its event is handled just after.
 */
export function shellLookedAtReadModels(waitMs: number): Promise<void> {
  const look = window.__monityLive?.then((seen) => {
    shellLook = seen;
  });
  if (!look) return Promise.resolve();
  return Promise.race([look, new Promise<void>((resolve) => setTimeout(resolve, waitMs))]);
}

/**
 * Where the read models stood before the app asked for any data, if the shell's stream told
 * that in time; otherwise nothing, and the first page reads its data again once its own stream
 * tells where they stand.
 */
export function positionBeforeData(): string | undefined {
  if (!shellLook?.position) return undefined;
  const inTime = firstDataAskedAt === undefined || shellLook.at < firstDataAskedAt;
  return inTime ? shellLook.position : undefined;
}
