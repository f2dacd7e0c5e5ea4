/** One server-sent event as a browser's EventSource would dispatch it. */
interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
  /** When it arrived, by `performance.now()`. */
  at: number;
}

export interface EventStreamClient {
  status: number;
  headers: Headers;
  /** Every event received so far. */
  events: ServerSentEvent[];
  /** Comment lines received so far (heartbeats), without their colon. */
  comments: string[];
  /** Resolves with the first event (from the start) of `type` that `accept` takes. */
  next(type: string, accept?: (data: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens `url` with fetch and reads its body as an event stream, chunk by chunk as it arrives,
 * the way an EventSource does; the parsing follows the HTML standard's rules closely enough for
 * what Monity sends (no CR line ends).
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  const reading = response.ok ? read(response, events, comments, wake) : response.text();
  // An aborted or broken stream ends it as well as the server's end does.
  const ended = reading.then(
    () => undefined,
    () => undefined,
  );

  const next = (type: string, accept = (_: unknown) => true, timeoutMs = 10_000) =>
    new Promise<unknown>((resolve, reject) => {
      const look = () => {
        const found = events.find((e) => e.event === type && accept(JSON.parse(e.data)));
        if (!found) return;
        settle();
        resolve(JSON.parse(found.data));
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no ${type} event in ${timeoutMs} ms: ${JSON.stringify(events)}`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        waiters.delete(look);
      };
      waiters.add(look);
      look();
    });

  return {
    status: response.status,
    headers: response.headers,
    events,
    comments,
    next,
    ended,
    close: () => abort.abort(),
  };
}

async function read(
  response: Response,
  events: ServerSentEvent[],
  comments: string[],
  wake: () => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      parseBlock(block, events, comments);
    }
    wake();
  }
}

function parseBlock(block: string, events: ServerSentEvent[], comments: string[]): void {
  const event: ServerSentEvent = { event: 'message', data: '', at: performance.now() };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') event.id = value;
  }
  if (data.length === 0) return;
  event.data = data.join('\n');
  events.push(event);
}
