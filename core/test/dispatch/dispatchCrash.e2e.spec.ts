import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../access/accessTestKit.ts';
import type { CrashPoint } from '../../src/dispatch/crashPoint.ts';
import {
  createDispatchSite,
  enqueueMany,
  mailgunCompany,
  messageHistories,
  outboxRows,
  startCountingProvider,
  type CountingProvider,
  type DispatchProcess,
} from './dispatchTestKit.ts';

const POINTS: CrashPoint[] = ['before-mark', 'before-call', 'after-call', 'before-commit'];
const KILLS = 200;
/**
 * Each process dies the n-th time a hand-over reaches its point, after n - 1 clean ones: the
 * points take turns, and each is reached first and second by as many processes.
 */
const crashOf = (i: number) => `${POINTS[i % 4]!}@${1 + (Math.floor(i / 4) % 2)}` as const;
type Crash = ReturnType<typeof crashOf>;
/**
 * A process has up to two batches of one message under way (the dispatcher's lanes), so a kill
 * uses up to four messages (one handed over cleanly and one in flight in each lane); most use
 * one or two, and the rest are left for the last server.
 */
const MESSAGES = 600;
/** Processes starting while one dispatches: a start takes far longer than a hand-over. */
const AHEAD = 3;

/**
 * What a killed process was doing: the messages it had marked in flight, and what the provider
 * had of each. Killed before its mark a lane held none: its claim left nothing in the outbox.
 */
interface Kill {
  point: CrashPoint;
  held: { messageId: string; receivedAtKill: number }[];
}

describe('a dispatcher killed mid-hand-over, again and again', () => {
  let provider: CountingProvider;
  let site: Awaited<ReturnType<typeof createDispatchSite>>;
  beforeAll(async () => {
    provider = await startCountingProvider();
    site = await createDispatchSite(provider);
  });
  afterAll(async () => {
    await site?.dispose();
    await provider?.close();
  });

  const unfinished = async () =>
    (await outboxRows(site.pool)).filter((r) => r.state !== 'done').length;

  /** Lets one process dispatch until it kills itself; fails it if it has not within 20 s. */
  async function cycle(crash: Crash, dispatcher: DispatchProcess): Promise<Kill> {
    const id = await dispatcher.ready;
    dispatcher.go();
    const stuck = setTimeout(() => dispatcher.child.kill('SIGTERM'), 20_000);
    const signal = await dispatcher.exited;
    clearTimeout(stuck);
    expect(signal, dispatcher.output()).toBe('SIGKILL');
    // Read before the next process may run: nothing changes a dead process's row meanwhile.
    const point = crash.split('@')[0] as CrashPoint;
    const held = (await outboxRows(site.pool)).filter(
      (r) => r.claimed_by === id && r.state !== 'done',
    );
    // Nothing is merely claimed (a claim writes nothing), and at most a batch a lane is in flight.
    expect(
      held.filter((r) => r.state !== 'in_flight'),
      crash,
    ).toEqual([]);
    expect(held.length, crash).toBeLessThanOrEqual(2);
    const received = held.map((r) => provider.received.get(r.message_id) ?? 0);
    // The lane that reached the point holds a message the provider has, or has not yet, had.
    if (point === 'before-call') expect(received, crash).toContain(0);
    if (point === 'after-call' || point === 'before-commit') expect(received, crash).toContain(1);
    return {
      point,
      held: held.map((r, i) => ({ messageId: r.message_id, receivedAtKill: received[i]! })),
    };
  }

  // About 200 s on two quiet cores; a shared machine's load stretches each process's start.
  it(
    `sends no message twice over ${KILLS} kills, and leaves every lost hand-over unknown`,
    { timeout: 600_000 },
    async () => {
      const ahead: { crash: Crash; dispatcher: Promise<DispatchProcess> }[] = [];
      let started = 0;
      const startAhead = () => {
        for (; ahead.length < AHEAD && started < KILLS; started++) {
          const crash = crashOf(started);
          ahead.push({ crash, dispatcher: site.startDispatcher({ crash }) });
        }
      };
      // The first processes start while a whole server signs the company up and queues its
      // messages for tomorrow; the server stops, and the day comes.
      startAhead();
      const setup = await site.start();
      const company = await mailgunCompany(setup.url, 'Awaria Wysyłki');
      await enqueueMany(company, MESSAGES, new Date(Date.now() + 86_400_000));
      setup.monity.child.kill('SIGTERM');
      await setup.monity.exited;
      await site.pool.query('UPDATE outbox SET not_before = now()');

      const kills: Kill[] = [];
      while (ahead.length > 0) {
        const { crash, dispatcher } = ahead.shift()!;
        startAhead();
        kills.push(await cycle(crash, await dispatcher));
      }

      // A whole server finishes: it sends what was never marked, and marks what was in flight
      // unknown; its message log shows each for a person.
      const last = await site.start();
      await expect.poll(unfinished, { timeout: 30_000, interval: 200 }).toBe(0);
      const log = new Browser(last.url);
      Object.assign(log, { cookie: company.cookie, csrfToken: company.csrfToken });
      const unknownInLog = async () => {
        const ids: string[] = [];
        for (let after = ''; ;) {
          const page = await log.request<{ items: { id: string }[]; next: string | null }>(
            'GET',
            `/api/messages?status=unknown&limit=200${after && `&after=${after}`}`,
          );
          ids.push(...page.body.items.map((item) => item.id));
          if (!page.body.next) return ids.sort();
          after = encodeURIComponent(page.body.next);
        }
      };
      const killed = new Map(
        kills.flatMap((k) => k.held.map((h) => [h.messageId, { point: k.point, ...h }] as const)),
      );
      const lost = [...killed.values()];
      await expect
        .poll(unknownInLog, { timeout: 20_000 })
        .toEqual(lost.map((k) => k.messageId).sort());
      last.monity.child.kill('SIGTERM');
      await last.monity.exited;

      const rows = await outboxRows(site.pool);
      const histories = await messageHistories(site.pool);
      expect(rows).toHaveLength(MESSAGES);
      expect(kills).toHaveLength(KILLS);
      const perPoint = POINTS.map((point) => kills.filter((k) => k.point === point).length);
      expect(perPoint).toEqual(POINTS.map(() => KILLS / 4));
      for (const [id, times] of provider.received) expect({ id, times }).toEqual({ id, times: 1 });

      for (const row of rows) {
        const kill = killed.get(row.message_id);
        const types = histories.get(row.message_id)!;
        const received = provider.received.get(row.message_id) ?? 0;
        if (kill) {
          // Marked in flight when its process died: never handed over again, left to a person.
          expect({ ...kill, outcome: row.outcome, received, last: types.at(-1) }).toEqual({
            ...kill,
            outcome: 'unknown',
            received: kill.receivedAtKill,
            last: 'MessageOutcomeUnknown',
          });
        } else {
          // Untouched, or claimed by a process killed before its mark: sent once, as if nothing
          // had happened.
          expect({ id: row.message_id, outcome: row.outcome, received, types }).toEqual({
            id: row.message_id,
            outcome: 'sent',
            received: 1,
            types: ['MessageQueued', 'MessageSent'],
          });
        }
      }
    },
  );
});
