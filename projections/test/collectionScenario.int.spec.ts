import { randomUUID } from 'node:crypto';
import { startAccessServer, type AccessServer } from '@monity/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyWithKey, READ_MODEL } from './support/collectionTestKit.ts';

/**
 * A scenario reminder → demand → final demand driven by a moved clock: each step once per
 * debt, a customer who paid in between left out, and messages kept to business days and hours
 * in Warsaw, Polish holidays skipped.
 */

let now = new Date('2026-03-02T09:00:00Z');
const clock = { now: () => now };
let access: AccessServer;
let owner: pg.Client;
beforeAll(async () => {
  access = await startAccessServer({}, { clock });
  owner = new pg.Client(access.database.url);
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await access.close();
});

describe('a collection process over weeks', () => {
  it('sends each step once, skips who paid, and keeps to business days', async () => {
    const { api, key } = await companyWithKey(access.server.url, 'Scenariusz');
    const batch = await api('POST', '/api/ledger/batch', {
      customers: [
        { id: 'A', name: 'Alfa sp. z o.o.', emails: ['alfa@example.pl'] },
        { id: 'B', name: 'Beta S.A.', emails: ['beta@example.pl'] },
        { id: 'C', name: 'Gamma', phones: [] },
      ],
      invoices: ['A', 'B', 'C'].map((customer) => ({
        id: `FV/${customer}`,
        number: `FV/${customer}`,
        customerId: customer,
        issueDate: '2026-02-15',
        dueDate: '2026-03-02',
        currency: 'PLN',
        amount: '1000.00',
      })),
    });
    expect(batch.body.summary.rejected).toBe(0);
    const template = async (kind: string) => {
      const made = await api('POST', '/api/templates', {
        name: kind,
        medium: 'email',
        language: 'pl',
        kind,
        subject: `${kind} {{ transfer_title }}`,
        html: '<p>{{ totals.open | money }}</p>',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.id as string;
    };
    const steps = [
      ['reminder', { from: 'dueDate', days: 3 }],
      ['demand', { from: 'previousStep', days: 7 }],
      ['final_demand', { from: 'previousStep', days: 23 }],
      ['hand_over', { from: 'previousStep', days: 14 }],
    ] as const;
    const definition = {
      name: 'Windykacja',
      steps: await Promise.all(
        steps.map(async ([kind, timing]) => ({
          id: randomUUID(),
          name: kind,
          kind,
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels:
            kind === 'hand_over' ? [] : [{ medium: 'email', templateId: await template(kind) }],
          timing,
          approval: 'automatic',
        })),
      ),
    };
    await expect
      .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
      .toBe(3);
    const process = await api('POST', '/api/processes', definition);
    expect(process.status, JSON.stringify(process.body)).toBe(201);
    await api('POST', `/api/processes/${process.body.id}/start`, { expectedVersion: 1 });
    await expect
      .poll(
        async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active,
        READ_MODEL,
      )
      .toBe(true);

    const runOn = async (instant: string) => {
      now = new Date(instant);
      const ran = await api('POST', '/api/collection/run');
      expect(ran.status, JSON.stringify(ran.body)).toBe(200);
      return ran.body as { scheduled: number; already: number; withoutAddress: number };
    };
    /** The process's messages by subject, with when each may leave, oldest first. */
    const scheduled = async () => {
      const { rows } = await owner.query<{ subject: string; to: string; not_before: Date }>(
        `SELECT e.data->>'subject' AS subject, e.data->>'to' AS to, o.not_before
         FROM events e JOIN outbox o ON o.message_id = (e.data->>'messageId')::uuid
         WHERE e.type = 'MessageQueued' AND e.data->>'purpose' = 'process'
         ORDER BY o.not_before, e.data->>'to'`,
      );
      return rows.map((r) => [r.subject.split(' ')[0], r.to, r.not_before.toISOString()]);
    };
    const settled = () =>
      expect.poll(async () => {
        const { rows } = await owner.query(`SELECT count(*)::int AS n FROM rm_collection_progress`);
        return rows[0].n;
      }, READ_MODEL);

    // Thursday 5 March, three days after the due date: a reminder each, to who has an address.
    expect(await runOn('2026-03-04T09:00:00Z')).toMatchObject({ scheduled: 0 });
    expect(await runOn('2026-03-05T09:00:00Z')).toEqual({
      scheduled: 2,
      already: 0,
      withoutAddress: 1,
      handedOver: 0,
      failed: 0,
      firstLeavesAt: '2026-03-05T09:00:00.000Z',
    });
    await settled().toBe(3);
    expect(await runOn('2026-03-05T12:00:00Z')).toMatchObject({
      scheduled: 0,
      firstLeavesAt: null,
    });

    // Alfa pays; a week after its reminder only Beta gets the demand. Run on Saturday the 14th,
    // it leaves on Monday at 8:00 in Warsaw.
    await api('POST', '/api/ledger/batch', {
      payments: [
        {
          id: 'WB/A',
          customerId: 'A',
          date: '2026-03-06',
          currency: 'PLN',
          amount: '1000.00',
          allocations: [{ invoiceId: 'FV/A', amount: '1000.00' }],
        },
      ],
    });
    await expect
      .poll(async () => (await api('GET', '/api/payments')).body.items.length, READ_MODEL)
      .toBe(1);
    // Gamma, with no address, moves on without messages.
    expect(await runOn('2026-03-14T10:00:00Z')).toMatchObject({
      scheduled: 1,
      withoutAddress: 1,
      // The run tells when: Monday 8:00 in Warsaw, 7:00 UTC.
      firstLeavesAt: '2026-03-16T07:00:00.000Z',
    });
    await settled().toBe(5);
    expect(await runOn('2026-03-16T09:00:00Z')).toMatchObject({ scheduled: 0 });

    // 23 days after the demand is Easter Monday, 6 April 2026: the final demand waits
    // for Tuesday 8:00 (summer time, 6:00 UTC).
    expect(await runOn('2026-04-06T08:00:00Z')).toMatchObject({ scheduled: 1 });
    expect(await scheduled()).toEqual([
      ['reminder', 'alfa@example.pl', '2026-03-05T09:00:00.000Z'],
      ['reminder', 'beta@example.pl', '2026-03-05T09:00:00.000Z'],
      ['demand', 'beta@example.pl', '2026-03-16T07:00:00.000Z'],
      ['final_demand', 'beta@example.pl', '2026-04-07T06:00:00.000Z'],
    ]);

    // Two weeks after the final demand, Beta's and Gamma's debts go to the agency together.
    await settled().toBe(7);
    expect(await runOn('2026-04-21T08:00:00Z')).toMatchObject({ scheduled: 0, handedOver: 2 });
    await settled().toBe(9);
    expect(await runOn('2026-04-22T08:00:00Z')).toMatchObject({ scheduled: 0, handedOver: 0 });
    const packages = (await api('GET', '/api/hand-overs')).body.items;
    expect(packages).toEqual([
      expect.objectContaining({ process: 'Windykacja', customers: 2, invoices: 2 }),
    ]);
    const download = async (path: string) =>
      (
        await (
          await fetch(`${access.server.url}${path}`, {
            headers: { authorization: `Bearer ${key}` },
          })
        ).text()
      )
        .replace('\ufeff', '')
        .trim()
        .split('\n');
    const debts = await download(`/api/hand-overs/${packages[0].id}/debts.csv`);
    expect(debts).toHaveLength(3);
    expect(debts[1]).toMatch(
      /^Beta S\.A\.,.*FV\/B,2026-02-15,2026-03-02,PLN,1000\.00,1000\.00,51$/,
    );
    expect(debts[2]).toMatch(/^Gamma,.*FV\/C,/);
    const historyLines = await download(`/api/hand-overs/${packages[0].id}/history.csv`);
    expect(historyLines.filter((line) => line.startsWith('Beta S.A.,'))).toHaveLength(3);
  });

  it('makes each message once when runs race', async () => {
    const { api } = await companyWithKey(access.server.url, 'Wyścig');
    const customers = Array.from({ length: 20 }, (_, i) => `K${i}`);
    await api('POST', '/api/ledger/batch', {
      customers: customers.map((id) => ({ id, name: `Firma ${id}`, emails: [`${id}@x.pl`] })),
      invoices: customers.map((id) => ({
        id: `FV/${id}`,
        number: `FV/${id}`,
        customerId: id,
        issueDate: '2026-03-01',
        dueDate: '2026-04-01',
        currency: 'PLN',
        amount: '10.00',
      })),
    });
    const made = await api('POST', '/api/templates', {
      name: 'Przypomnienie',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Przypomnienie',
      html: '<p>{{ totals.open | money }}</p>',
    });
    await expect
      .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
      .toBe(1);
    const process = await api('POST', '/api/processes', {
      name: 'Jeden krok',
      steps: [
        {
          id: randomUUID(),
          name: 'Przypomnienie',
          kind: 'reminder',
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels: [{ medium: 'email', templateId: made.body.id }],
          timing: { from: 'dueDate', days: 1 },
          approval: 'automatic',
        },
      ],
    });
    expect(process.status, JSON.stringify(process.body)).toBe(201);
    const started = await api('POST', `/api/processes/${process.body.id}/start`, {
      expectedVersion: 1,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await expect
      .poll(
        async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active,
        READ_MODEL,
      )
      .toBe(true);
    now = new Date('2026-04-02T09:00:00Z');
    const runs = await Promise.all([1, 2, 3].map(() => api('POST', '/api/collection/run')));
    const total = runs.reduce((sum, run) => sum + (run.body.scheduled as number), 0);
    expect(total).toBe(20);
    const queued = await owner.query(
      `SELECT count(*)::int AS n, count(DISTINCT data->>'customerId')::int AS customers
       FROM events e WHERE e.type = 'MessageQueued' AND e.data->>'subject' = 'Przypomnienie'`,
    );
    expect(queued.rows[0]).toEqual({ n: 20, customers: 20 });
  });

  it('pauses a customer who promised to pay until the day passes, and one in dispute', async () => {
    now = new Date('2026-05-04T08:00:00Z');
    const { api } = await companyWithKey(access.server.url, 'Obietnice');
    const names = ['Obiecał', 'Spór', 'Zwykły'];
    await api('POST', '/api/ledger/batch', {
      customers: names.map((name, i) => ({ id: `K${i}`, name, emails: [`k${i}@x.pl`] })),
      invoices: names.map((_, i) => ({
        id: `FV/${i}`,
        number: `FV/${i}`,
        customerId: `K${i}`,
        issueDate: '2026-04-20',
        dueDate: '2026-05-04',
        currency: 'PLN',
        amount: '100.00',
      })),
    });
    const made = await api('POST', '/api/templates', {
      name: 'Przypomnienie o płatności',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Przypomnienie o płatności',
      html: '<p>{{ totals.open | money }}</p>',
    });
    await expect
      .poll(async () => (await api('GET', '/api/customers')).body.items.length, READ_MODEL)
      .toBe(3);
    await expect
      .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
      .toBe(1);
    const ids = Object.fromEntries(
      ((await api('GET', '/api/customers')).body.items as { id: string; name: string }[]).map(
        (c) => [c.name, c.id],
      ),
    );
    expect(
      (await api('POST', `/api/customers/${ids.Obiecał}/promises`, { until: '2026-05-01' })).status,
    ).toBe(400);
    const promised = await api('POST', `/api/customers/${ids.Obiecał}/promises`, {
      until: '2026-05-12',
      amount: '100.00',
      currency: 'PLN',
    });
    expect(promised.status).toBe(201);
    const dispute = await api('POST', `/api/customers/${ids.Spór}/disputes`, {
      reason: 'Towar niezgodny z zamówieniem',
    });
    const process = await api('POST', '/api/processes', {
      name: 'Przypomnienia',
      steps: [
        {
          id: randomUUID(),
          name: 'Przypomnienie',
          kind: 'reminder',
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels: [{ medium: 'email', templateId: made.body.id }],
          timing: { from: 'dueDate', days: 3 },
          approval: 'automatic',
        },
      ],
    });
    await api('POST', `/api/processes/${process.body.id}/start`, { expectedVersion: 1 });
    await expect
      .poll(
        async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active,
        READ_MODEL,
      )
      .toBe(true);
    const sentTo = async () => {
      const { rows } = await owner.query<{ to: string }>(
        `SELECT data->>'to' AS to FROM events WHERE type = 'MessageQueued'
           AND data->>'subject' = 'Przypomnienie o płatności' ORDER BY data->>'to'`,
      );
      return rows.map((r) => r.to);
    };
    const runOn = async (instant: string) => {
      now = new Date(instant);
      return (await api('POST', '/api/collection/run')).body as { scheduled: number };
    };
    expect(await runOn('2026-05-07T08:00:00Z')).toMatchObject({ scheduled: 1 });
    expect(await sentTo()).toEqual(['k2@x.pl']);
    // On the promised day itself the customer is still held; the day after, unpaid, not.
    expect(await runOn('2026-05-12T08:00:00Z')).toMatchObject({ scheduled: 0 });
    expect(await runOn('2026-05-13T08:00:00Z')).toMatchObject({ scheduled: 1 });
    expect(await sentTo()).toEqual(['k0@x.pl', 'k2@x.pl']);
    const closed = await api(
      'POST',
      `/api/customers/${ids.Spór}/disputes/${dispute.body.id}/closure`,
      { outcome: 'Reklamacja odrzucona' },
    );
    expect(closed.status).toBe(204);
    await expect
      .poll(async () => (await runOn('2026-05-13T09:00:00Z')).scheduled, READ_MODEL)
      .toBe(1);
    expect(await sentTo()).toEqual(['k0@x.pl', 'k1@x.pl', 'k2@x.pl']);
  });

  it('holds a step a collector approves until approved, or rejected', async () => {
    now = new Date('2026-06-02T08:00:00Z');
    const { api } = await companyWithKey(access.server.url, 'Akceptacja');
    await api('POST', '/api/ledger/batch', {
      customers: ['K1', 'K2'].map((id) => ({ id, name: id, emails: [`${id}@x.pl`] })),
      invoices: ['K1', 'K2'].map((id) => ({
        id: `FV/${id}`,
        number: `FV/${id}`,
        customerId: id,
        issueDate: '2026-05-01',
        dueDate: '2026-05-29',
        currency: 'PLN',
        amount: '10.00',
      })),
    });
    const made = await api('POST', '/api/templates', {
      name: 'Wezwanie',
      medium: 'email',
      language: 'pl',
      kind: 'demand',
      subject: 'Wezwanie do zapłaty',
      html: '<p>{{ totals.open | money }}</p>',
    });
    await expect
      .poll(async () => (await api('GET', '/api/templates')).body.items.length, READ_MODEL)
      .toBe(1);
    const process = await api('POST', '/api/processes', {
      name: 'Z akceptacją',
      steps: [
        {
          id: randomUUID(),
          name: 'Wezwanie',
          kind: 'demand',
          selection: { criteria: { field: 'currency', op: 'in', value: ['PLN'] } },
          channels: [{ medium: 'email', templateId: made.body.id }],
          timing: { from: 'dueDate', days: 1 },
          approval: 'queue',
        },
      ],
    });
    await api('POST', `/api/processes/${process.body.id}/start`, { expectedVersion: 1 });
    await expect
      .poll(
        async () => (await api('GET', `/api/processes/${process.body.id}`)).body.active,
        READ_MODEL,
      )
      .toBe(true);
    expect(await api('POST', '/api/collection/run')).toMatchObject({ body: { scheduled: 2 } });
    const waiting = async () =>
      (await api('GET', '/api/messages?status=awaiting_approval')).body.items as {
        id: string;
        to: string;
      }[];
    await expect.poll(async () => (await waiting()).length, READ_MODEL).toBe(2);
    const [first, second] = (await waiting()).sort((a, b) => a.to.localeCompare(b.to));
    const inOutbox = async () =>
      (
        await owner.query('SELECT message_id FROM outbox WHERE message_id = ANY($1::uuid[])', [
          [first!.id, second!.id],
        ])
      ).rows.map((r) => r.message_id);
    expect(await inOutbox()).toEqual([]);
    expect(
      (await api('POST', `/api/messages/${first!.id}/approval`, { decision: 'approve' })).status,
    ).toBe(204);
    expect(
      (
        await api('POST', `/api/messages/${second!.id}/approval`, {
          decision: 'reject',
          reason: 'Klient zapłacił gotówką',
        })
      ).status,
    ).toBe(204);
    expect(
      (await api('POST', `/api/messages/${second!.id}/approval`, { decision: 'approve' })).status,
    ).toBe(409);
    expect(await inOutbox()).toEqual([first!.id]);
    await expect
      .poll(async () => (await api('GET', `/api/messages/${second!.id}`)).body.status, READ_MODEL)
      .toBe('rejected');
  });
});
