import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveStream } from '../src/live/liveStream.ts';

const timing = { intervalMs: 500, heartbeatMs: 25_000 };

function written(live: LiveStream): string[] {
  const chunks: string[] = [];
  live.stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return chunks;
}

const message = (projections: string[], position: string) =>
  `id: ${position}\nevent: read-models\ndata: ${JSON.stringify({ projections, position })}\n\n`;

describe('a live stream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a change at once, and merges the ones that follow within 500 ms', () => {
    const live = new LiveStream(timing);
    const chunks = written(live);

    live.changed({ projections: ['ledger'], position: '5:1' });
    live.changed({ projections: ['groups'], position: '7:2' });
    live.changed({ projections: ['ledger'], position: '6:9' });
    expect(chunks).toEqual([message(['ledger'], '5:1')]);

    vi.advanceTimersByTime(499);
    expect(chunks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(chunks).toEqual([message(['ledger'], '5:1'), message(['groups', 'ledger'], '7:2')]);

    vi.advanceTimersByTime(5_000);
    expect(chunks).toHaveLength(2);
    live.changed({ projections: ['ledger'], position: '8:1' });
    expect(chunks.at(-1)).toBe(message(['ledger'], '8:1'));
  });

  it('keeps sending during a long burst, a message per interval', () => {
    const live = new LiveStream(timing);
    const chunks = written(live);

    for (let ms = 0; ms < 2_000; ms += 50) {
      live.changed({ projections: ['ledger'], position: `1:${ms}` });
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(500);

    expect(chunks).toHaveLength(5);
    expect(chunks.at(-1)).toBe(message(['ledger'], '1:1950'));
  });

  it('opens with the read models and where they stand, and beats every 25 s', () => {
    const live = new LiveStream(timing);
    const chunks = written(live);

    live.ready({ projections: ['ledger', 'messages'], position: '3:4' });
    vi.advanceTimersByTime(50_000);

    expect(chunks).toEqual([
      'id: 3:4\nevent: ready\ndata: {"projections":["ledger","messages"],"position":"3:4"}\n\n',
      ': heartbeat\n\n',
      ': heartbeat\n\n',
    ]);
  });

  it('stops its timers and calls its cleanup once the client has gone', async () => {
    const live = new LiveStream(timing);
    const cleanup = vi.fn();
    live.onClose(cleanup);
    live.changed({ projections: ['ledger'], position: '1:1' });

    const closed = new Promise((resolve) => live.stream.once('close', resolve));
    live.stream.destroy();
    await closed;

    expect(cleanup).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
    live.changed({ projections: ['ledger'], position: '1:2' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
