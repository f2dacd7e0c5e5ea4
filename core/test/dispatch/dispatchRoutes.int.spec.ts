import { signUp, startAccessServer, type AccessServer } from '@monity/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../access/accessTestKit.ts';

let access: AccessServer;
let pool: pg.Pool;
let browser: Browser;
beforeAll(async () => {
  access = await startAccessServer({ MONITY_DISPATCH_POLL_MS: '100' });
  pool = new pg.Pool({ connectionString: access.database.url, max: 2 });
  ({ browser } = await signUp(access.server.url, 'Kolejka'));
});
afterAll(async () => {
  await pool.end();
  await access.close();
});

const message = { medium: 'email', to: 'klient@example.pl', subject: 'Saldo', text: 'Prosimy.' };
const status = async (id: string) =>
  (await browser.request('GET', `/api/messages/${id}`)).body.status as string;
const statusBecomes = (id: string, expected: string) =>
  expect.poll(() => status(id), { timeout: 10_000, interval: 50 }).toBe(expected);
const mailboxCount = async (id: string) =>
  (await browser.request('GET', '/api/mailbox')).body.messages.filter(
    (m: { id: string }) => m.id === id,
  ).length as number;

/** A hand-over that a process began and never recorded, as the dispatcher would find it. */
async function lostInFlight(): Promise<string> {
  const queued = await browser.request('POST', '/api/messages', {
    ...message,
    notBefore: new Date(Date.now() + 3_600_000).toISOString(),
  });
  const id = queued.body.id as string;
  await pool.query(
    `UPDATE outbox SET state = 'in_flight', attempts = 1, claimed_by = 'gone',
       claimed_until = now() - interval '1 second' WHERE message_id = $1`,
    [id],
  );
  await statusBecomes(id, 'unknown');
  return id;
}

describe('queuing and deciding messages over the API', () => {
  it('queues a message that the dispatcher sends through the sandbox', async () => {
    const refused = await browser.request('POST', '/api/messages', { ...message, to: 'nie' });
    expect(refused.status).toBe(400);

    const queued = await browser.request('POST', '/api/messages', message);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ channel: 'sandbox', notBefore: expect.any(String) });
    await statusBecomes(queued.body.id, 'sent');
    expect(await mailboxCount(queued.body.id)).toBe(1);
  });

  it('marks a lost hand-over unknown; "resend" sends it again under its own id', async () => {
    const id = await lostInFlight();
    const history = (await browser.request('GET', `/api/messages/${id}`)).body.history;
    expect(history.map((h: { status: string }) => h.status)).toEqual(['queued', 'unknown']);
    expect(await mailboxCount(id)).toBe(0);

    const resent = await browser.request('POST', `/api/messages/${id}/resolve`, {
      decision: 'resend',
    });
    expect(resent.status).toBe(204);
    await statusBecomes(id, 'sent');
    expect(await mailboxCount(id)).toBe(1);
    const again = await browser.request('POST', `/api/messages/${id}/resolve`, {
      decision: 'resend',
    });
    expect(again.status).toBe(409);
  });

  it("takes a person's word that an unknown message was sent, and sends nothing", async () => {
    const id = await lostInFlight();
    const decided = await browser.request('POST', `/api/messages/${id}/resolve`, {
      decision: 'sent',
    });
    expect(decided.status).toBe(204);
    await statusBecomes(id, 'sent');
    const { rows } = await pool.query('SELECT state, outcome FROM outbox WHERE message_id = $1', [
      id,
    ]);
    expect(rows[0]).toEqual({ state: 'done', outcome: 'resolved' });
    expect(await mailboxCount(id)).toBe(0);

    const unknownId = '00000000-0000-4000-8000-000000000000';
    const missing = await browser.request('POST', `/api/messages/${unknownId}/resolve`, {
      decision: 'sent',
    });
    expect(missing.status).toBe(404);
  });
});
