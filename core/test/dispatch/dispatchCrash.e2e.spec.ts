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
} from './dispatchTestKit.ts';

const MESSAGES = 20;
/** Each process dies the n-th time a hand-over reaches the point: after n - 1 clean sends. */
const CYCLES: `${CrashPoint}@${number}`[] = [
  'before-call@2',
  'after-call@2',
  'before-commit@2',
  'before-mark@2',
  'after-call@1',
  'before-commit@1',
  'before-call@1',
  'before-mark@1',
  'after-call@2',
  'before-commit@2',
];

/** What a killed process was doing: the message it held, and what the provider had of it. */
interface Kill {
  point: CrashPoint;
  messageId: string;
  receivedAtKill: number;
}

describe('a dispatcher killed mid-hand-over, again and again', () => {
  let provider: CountingProvider;
  let site: Awaited<ReturnType<typeof createDispatchSite>>;
  let company: Browser;
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

  /** Runs one process until it kills itself, or until nothing is left for it to do. */
  async function cycle(crash: `${CrashPoint}@${number}`, first: boolean): Promise<Kill | null> {
    const { monity, url } = await site.start({ crash });
    if (first) {
      company = await mailgunCompany(url, 'Awaria Wysyłki');
      await enqueueMany(company, MESSAGES, new Date(Date.now() + 1_000));
    }
    let idle = false;
    await Promise.race([
      monity.exited,
      expect
        .poll(unfinished, { timeout: 20_000, interval: 100 })
        .toBe(0)
        .then(() => (idle = true)),
    ]);
    if (idle) {
      monity.child.kill('SIGTERM');
      await monity.exited;
      return null;
    }
    expect(monity.child.signalCode).toBe('SIGKILL');
    const point = crash.split('@')[0] as CrashPoint;
    // The dispatcher's id names its process: hostname:pid:suffix.
    const mine = (await outboxRows(site.pool)).filter((r) =>
      r.claimed_by?.includes(`:${monity.child.pid}:`),
    );
    const held = mine.filter(
      (r) => r.state === (point === 'before-mark' ? 'waiting' : 'in_flight'),
    );
    expect(held).toHaveLength(1);
    const messageId = held[0]!.message_id;
    return { point, messageId, receivedAtKill: provider.received.get(messageId) ?? 0 };
  }

  it(
    'sends no message twice, and leaves every hand-over it lost marked unknown',
    { timeout: 120_000 },
    async () => {
      const kills: Kill[] = [];
      for (const [i, crash] of CYCLES.entries()) {
        const kill = await cycle(crash, i === 0);
        if (kill) kills.push(kill);
      }
      const last = await site.start();
      await expect.poll(unfinished, { timeout: 20_000, interval: 100 }).toBe(0);
      // The message log shows each lost hand-over for a person to decide.
      const log = new Browser(last.url);
      Object.assign(log, { cookie: company.cookie, csrfToken: company.csrfToken });
      const lost = new Set(kills.filter((k) => k.point !== 'before-mark').map((k) => k.messageId));
      await expect
        .poll(async () => (await log.request('GET', '/api/messages?status=unknown')).body.items)
        .toHaveLength(lost.size);
      last.monity.child.kill('SIGTERM');
      await last.monity.exited;

      const rows = await outboxRows(site.pool);
      const histories = await messageHistories(site.pool);
      expect(rows).toHaveLength(MESSAGES);
      expect(kills.length).toBeGreaterThanOrEqual(6);
      for (const [id, times] of provider.received) expect({ id, times }).toEqual({ id, times: 1 });

      const killed = new Map(kills.map((k) => [k.messageId, k]));
      for (const row of rows) {
        const kill = killed.get(row.message_id);
        const types = histories.get(row.message_id)!;
        const received = provider.received.get(row.message_id) ?? 0;
        if (kill && kill.point !== 'before-mark') {
          // Marked in flight when its process died: never handed over again, left to a person.
          expect({ ...kill, outcome: row.outcome, received, last: types.at(-1) }).toEqual({
            ...kill,
            receivedAtKill: kill.point === 'before-call' ? 0 : 1,
            outcome: 'unknown',
            received: kill.receivedAtKill,
            last: 'MessageOutcomeUnknown',
          });
        } else {
          // Untouched, or claimed but not yet marked: sent once, as if nothing had happened.
          expect({ id: row.message_id, outcome: row.outcome, received, types }).toEqual({
            id: row.message_id,
            outcome: 'sent',
            received: 1,
            types: ['MessageQueued', 'MessageSent'],
          });
        }
      }
      const points = new Set(kills.map((k) => k.point));
      expect(points).toEqual(
        new Set(['before-mark', 'before-call', 'after-call', 'before-commit']),
      );
    },
  );
});
