/** What `GET /api/live` sends whenever read models of the company change. */
interface ReadModelsChanged {
  projections: string[];
  position: string;
}

/** The longest wait before opening a stream again that the server refused or a proxy cut. */
const MAX_RETRY_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
/** How long a hidden tab keeps its stream. */
const HIDDEN_CLOSE_MS = 30_000;

/** The newest position any stream of this tab was told of. */
let tabPosition: string | undefined;

/**
 * Calls `onChange` with the names of the read models (projections: `ledger`, ...) whose data
 * changed for the signed-in company, as the server announces them on `GET /api/live`, at most
 * about twice a second. With `options.projections`, only changes of those are reported.
 *
 * The stream opens when the component mounts (in the browser only) and closes when it
 * unmounts. After a dropped connection the browser reconnects by itself and the server reports
 * what changed meanwhile; a stream the server refused (a 401 after the session ended, a proxy
 * error) is opened again after a growing pause, quietly. `connected` is true while it is open.
 *
 * A component asks for its data before its stream opens, and a change between the two is
 * announced to no stream: unless the read models stand where this tab's streams last saw them
 * (or, on a tab's first page, where the page shell saw them before any data was asked for:
 * utils/earlyShell.ts), the first `ready` reports them all as changed, once.
 *
 * A tab hidden for 30 s closes its stream and opens it again when shown, when the server
 * reports what changed meanwhile. Over HTTP/1.1 a browser keeps at most six connections to
 * the server for all its tabs, and every open stream holds one of them.
 *
 * @example
 * const { refresh } = useKpis();
 * const { connected } = useLiveUpdates(() => refresh(), { projections: ['ledger'] });
 */
export function useLiveUpdates(
  onChange: (projections: string[]) => void,
  options: { projections?: string[] } = {},
) {
  const connected = ref(false);
  let source: EventSource | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = FIRST_RETRY_MS;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  let lastPosition: string | undefined;
  let stopped = false;

  function deliver(event: MessageEvent<string>): void {
    lastPosition = event.lastEventId || lastPosition;
    tabPosition = event.lastEventId || tabPosition;
    const changed = parseChange(event.data);
    if (!changed) return;
    const wanted = options.projections;
    const projections = wanted
      ? changed.projections.filter((name) => wanted.includes(name))
      : changed.projections;
    if (projections.length > 0) onChange(projections);
  }

  function open(): void {
    // A stream opened by hand does not send Last-Event-ID as the browser's own reconnection
    // does: the query carries it, so the server reports what may have changed meanwhile.
    const query = lastPosition ? `?lastEventId=${encodeURIComponent(lastPosition)}` : '';
    const stream = new EventSource(`/api/live${query}`, { withCredentials: true });
    source = stream;
    stream.addEventListener('open', () => {
      connected.value = true;
      retryMs = FIRST_RETRY_MS;
    });
    stream.addEventListener('ready', (event) => {
      const first = lastPosition === undefined;
      tabPosition ??= positionBeforeData();
      const seen = event.lastEventId !== '' && event.lastEventId === tabPosition;
      if (first && !seen) deliver(event);
      lastPosition = event.lastEventId || lastPosition;
      tabPosition = event.lastEventId || tabPosition;
    });
    stream.addEventListener('read-models', deliver);
    // EventSource retries a dropped connection itself (readyState CONNECTING), but gives up for
    // good on a refused one (CLOSED): open a new one then, after a pause that grows.
    stream.addEventListener('error', () => {
      connected.value = false;
      if (stream.readyState !== EventSource.CLOSED || stopped) return;
      source = undefined;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        open();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  }

  function close(): void {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    source = undefined;
    connected.value = false;
  }

  function followVisibility(): void {
    clearTimeout(hiddenTimer);
    if (document.visibilityState === 'hidden') hiddenTimer = setTimeout(close, HIDDEN_CLOSE_MS);
    else if (!source && !retryTimer) open();
  }

  onMounted(() => {
    open();
    document.addEventListener('visibilitychange', followVisibility);
  });
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(hiddenTimer);
    document.removeEventListener('visibilitychange', followVisibility);
    close();
  });

  return { connected };
}

function parseChange(data: string): ReadModelsChanged | undefined {
  try {
    const value = JSON.parse(data) as Partial<ReadModelsChanged>;
    return Array.isArray(value.projections) ? (value as ReadModelsChanged) : undefined;
  } catch {
    return undefined;
  }
}
