import { randomUUID } from 'node:crypto';
import { signUp, startAccessServer, type AccessServer, type Browser } from '@monity/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let access: AccessServer;
beforeAll(async () => {
  access = await startAccessServer();
});
afterAll(() => access.close());

async function saved(browser: Browser, path: string, body: object) {
  const response = await browser.request('POST', path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

describe('collection processes', () => {
  it('are saved as versions, checked step by step, and started and stopped', async () => {
    const { browser } = await signUp(access.server.url, 'Procesy');
    const email = await saved(browser, '/api/templates', {
      name: 'Przypomnienie',
      medium: 'email',
      language: 'pl',
      kind: 'reminder',
      subject: 'Przypomnienie',
      html: '<p>{{ totals.open | money }}</p>',
    });
    const sms = await saved(browser, '/api/templates', {
      name: 'SMS',
      medium: 'sms',
      language: 'pl',
      kind: 'demand',
      text: 'Prosimy o zapłatę {{ totals.open | money }}.',
    });
    const group = await saved(browser, '/api/groups', {
      name: 'Po terminie',
      criteria: { field: 'daysOverdue', op: 'between', value: { min: 1 } },
    });
    const reminder = {
      id: randomUUID(),
      name: 'Przypomnienie',
      kind: 'reminder',
      selection: { groupId: group },
      channels: [
        { medium: 'email', templateId: email },
        { medium: 'sms', templateId: sms },
      ],
      timing: { from: 'dueDate', days: 3 },
      approval: 'automatic',
    };
    const handOver = {
      id: randomUUID(),
      name: 'Przekazanie do windykacji',
      kind: 'hand_over',
      selection: { criteria: { field: 'daysOverdue', op: 'between', value: { min: 60 } } },
      channels: [],
      timing: { from: 'previousStep', days: 30 },
      schedule: { every: 'week', on: ['mon'], at: '09:00' },
      approval: 'queue',
    };
    const refused = await browser.request('POST', '/api/processes', {
      name: 'Zły',
      steps: [
        { ...reminder, channels: [{ medium: 'sms', templateId: email }] },
        { ...handOver, id: reminder.id, channels: [{ medium: 'email', templateId: email }] },
        { ...reminder, id: randomUUID(), selection: { groupId: randomUUID() } },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/steps/1/id',
      '/body/steps/1/channels',
    ]);
    const references = await browser.request('POST', '/api/processes', {
      name: 'Zły',
      steps: [
        { ...reminder, channels: [{ medium: 'sms', templateId: email }] },
        { ...reminder, id: randomUUID(), selection: { groupId: randomUUID() } },
      ],
    });
    expect(references.body.errors).toEqual([
      {
        pointer: '/body/steps/0/channels/0/templateId',
        detail: 'is a template for email, not sms',
      },
      { pointer: '/body/steps/1/selection/groupId', detail: 'no such group' },
    ]);
    const badTiming = await browser.request('POST', '/api/processes', {
      name: 'Zły',
      steps: [{ ...reminder, timing: { from: 'invoiceDate', days: 3 } }],
    });
    expect(badTiming.status).toBe(400);
    expect(badTiming.body.errors[0].pointer).toMatch(/^\/body\/steps\/0\/timing/);

    const created = await browser.request('POST', '/api/processes', {
      name: 'Windykacja standardowa',
      steps: [reminder, handOver],
      window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '17:00' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, active: false });
    const id = created.body.id;
    const started = await browser.request('POST', `/api/processes/${id}/start`, {
      expectedVersion: 1,
    });
    expect(started.body).toMatchObject({ version: 2, active: true });
    const stale = await browser.request('PUT', `/api/processes/${id}`, {
      name: 'Windykacja',
      steps: [reminder],
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    await expect
      .poll(async () => (await browser.request('GET', '/api/processes')).body.items)
      .toEqual([
        expect.objectContaining({
          id,
          name: 'Windykacja standardowa',
          active: true,
          version: 2,
          steps: [reminder, handOver],
        }),
      ]);
    const stopped = await browser.request('POST', `/api/processes/${id}/stop`, {
      expectedVersion: 2,
    });
    expect(stopped.body.active).toBe(false);
    expect((await browser.request('DELETE', `/api/processes/${id}?expectedVersion=3`)).status).toBe(
      204,
    );
    await expect
      .poll(async () => (await browser.request('GET', `/api/processes/${id}`)).status)
      .toBe(404);
  });
});
