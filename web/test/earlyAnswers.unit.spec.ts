import { describe, expect, it } from 'vitest';
import { createEarlyAnswers } from '../app/utils/earlyAnswers.ts';

/** A server that answers every request with its own number, and counts them. */
function server() {
  const asked: string[] = [];
  const send: typeof fetch = async (input, init) => {
    asked.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return new Response(JSON.stringify({ n: asked.length }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { asked, send };
}

const read = async (answer: Promise<Response>) =>
  ((await (await answer).json()) as { n: number }).n;

describe('answers asked for ahead of the page', () => {
  it('gives the page the answer asked ahead, once, and the asker a copy of it', async () => {
    const { asked, send } = server();
    const early = createEarlyAnswers(undefined, () => 0, send);

    expect(await read(early.ask('/api/groups/1'))).toBe(1);
    expect(await read(early.take('/api/groups/1'))).toBe(1);
    expect(await read(early.take('/api/groups/1'))).toBe(2);
    expect(asked).toEqual(['GET /api/groups/1', 'GET /api/groups/1']);
  });

  it('hands the shell’s session request to the first session request', async () => {
    const { asked, send } = server();
    const shell = send('/api/session');
    const early = createEarlyAnswers(shell, () => 0, send);

    expect(await read(early.take('/api/session'))).toBe(1);
    expect(await read(early.take('/api/session'))).toBe(2);
    expect(asked).toHaveLength(2);
  });

  it('asks again for an answer unread too long, or forgotten on leaving the page', async () => {
    const { send } = server();
    let now = 0;
    const early = createEarlyAnswers(undefined, () => now, send);

    await early.ask('/api/processes/1');
    now = 6_000;
    expect(await read(early.take('/api/processes/1'))).toBe(2);

    await early.ask('/api/processes/2');
    early.forget();
    expect(await read(early.take('/api/processes/2'))).toBe(4);
  });

  it('hands no answer to a request that changes something, or to another address', async () => {
    const { asked, send } = server();
    const early = createEarlyAnswers(undefined, () => 0, send);

    await early.ask('/api/groups/1');
    await early.take('/api/groups/1', { method: 'PUT' });
    await early.take('/api/groups/1?limit=50');
    expect(asked).toEqual(['GET /api/groups/1', 'PUT /api/groups/1', 'GET /api/groups/1?limit=50']);
    expect(await read(early.take('/api/groups/1'))).toBe(1);
  });

  it('asks again when the early request failed on its way', async () => {
    let calls = 0;
    const send: typeof fetch = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('network down');
      return new Response(JSON.stringify({ n: calls }));
    };
    const early = createEarlyAnswers(undefined, () => 0, send);

    await early.ask('/api/templates/1').catch(() => undefined);
    expect(await read(early.take('/api/templates/1'))).toBe(2);
  });
});
