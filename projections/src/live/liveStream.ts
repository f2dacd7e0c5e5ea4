import { comparePositions, parsePosition } from '@monity/core';
import { PassThrough } from 'node:stream';
import type { ReadModelsChanged } from './liveHub.ts';

export interface LiveStreamTiming {
  /** The shortest time between two messages; changes within it are merged into the next. */
  intervalMs: number;
  /** How often a comment line keeps proxies and the browser from closing an idle stream. */
  heartbeatMs: number;
}

export const LIVE_TIMING: LiveStreamTiming = { intervalMs: 500, heartbeatMs: 25_000 };

/**
 * One client's server-sent event stream of read-model changes. A change is sent at once when
 * the stream has been quiet for `intervalMs`; changes arriving sooner are merged (their
 * projections united, the newest position kept) and sent when the interval is over, so a burst
 * costs a message per interval and its last change is always sent.
 */
export class LiveStream {
  readonly stream = new PassThrough();
  private pending: { projections: Set<string>; position: string } | undefined;
  private cooling: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly timing: LiveStreamTiming = LIVE_TIMING) {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), timing.heartbeatMs);
    this.stream.once('close', () => this.dispose());
    this.stream.once('finish', () => this.dispose());
  }

  /** The first message: which read models there are, and where they stood when it opened. */
  ready({ projections, position }: ReadModelsChanged): void {
    const data = JSON.stringify({ projections, position });
    this.write(`id: ${position}\nevent: ready\ndata: ${data}\n\n`);
  }

  changed({ projections, position }: ReadModelsChanged): void {
    if (this.closed) return;
    const pending = this.pending ?? { projections: new Set(), position };
    projections.forEach((projection) => pending.projections.add(projection));
    if (newer(position, pending.position)) pending.position = position;
    this.pending = pending;
    if (!this.cooling) this.flush();
  }

  /** Calls `cleanup` once, when the client has gone or the stream was ended. */
  onClose(cleanup: () => void): void {
    this.stream.once('close', cleanup);
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    const data = JSON.stringify({
      projections: [...pending.projections],
      position: pending.position,
    });
    this.write(`id: ${pending.position}\nevent: read-models\ndata: ${data}\n\n`);
    this.cooling = setTimeout(() => {
      this.cooling = undefined;
      this.flush();
    }, this.timing.intervalMs);
  }

  private write(text: string): void {
    if (!this.closed) this.stream.write(text);
  }

  private dispose(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.cooling);
    this.cooling = undefined;
    this.pending = undefined;
  }
}

function newer(a: string, b: string): boolean {
  return comparePositions(parsePosition(a), parsePosition(b)) > 0;
}
