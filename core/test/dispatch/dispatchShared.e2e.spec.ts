import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatchSite,
  enqueueMany,
  mailgunCompany,
  messageHistories,
  outboxRows,
  startCountingProvider,
  type CountingProvider,
} from './dispatchTestKit.ts';

const MESSAGES = 200;

describe('two server processes on one database', () => {
  let provider: CountingProvider;
  let site: Awaited<ReturnType<typeof createDispatchSite>>;
  beforeAll(async () => {
    // A provider that takes a moment per message, as real ones do: neither process drains
    // the outbox alone before the other looks.
    provider = await startCountingProvider({ delayMs: 15 });
    site = await createDispatchSite(provider);
  });
  afterAll(async () => {
    await site?.dispose();
    await provider?.close();
  });

  it(
    'hand each queued message to the provider once, sharing the work',
    { timeout: 90_000 },
    async () => {
      const [first, second] = await Promise.all([
        site.start({ concurrency: 4 }),
        site.start({ concurrency: 4 }),
      ]);
      const browser = await mailgunCompany(first.url, 'Dwa Procesy');
      const ids = await enqueueMany(browser, MESSAGES, new Date(Date.now() + 2_000));

      await expect
        .poll(async () => (await outboxRows(site.pool)).filter((r) => r.state === 'done').length, {
          timeout: 40_000,
          interval: 200,
        })
        .toBe(MESSAGES);
      for (const { monity } of [first, second]) monity.child.kill('SIGTERM');
      await Promise.all([first.monity.exited, second.monity.exited]);

      expect([...provider.received.keys()].sort()).toEqual([...ids].sort());
      expect([...provider.received.values()].every((times) => times === 1)).toBe(true);
      const rows = await outboxRows(site.pool);
      expect(rows.every((r) => r.outcome === 'sent' && r.attempts === 1)).toBe(true);
      const histories = await messageHistories(site.pool);
      expect([...histories.values()].every((t) => t.join() === 'MessageQueued,MessageSent')).toBe(
        true,
      );
      const byProcess = new Map<string, number>();
      for (const row of rows) {
        const pid = row.claimed_by!.split(':').at(-2)!;
        byProcess.set(pid, (byProcess.get(pid) ?? 0) + 1);
      }
      expect([...byProcess.keys()].sort()).toEqual(
        [String(first.monity.child.pid), String(second.monity.child.pid)].sort(),
      );
    },
  );
});
