import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DemoServices } from '@monity/core';
import { loadDemoProcess } from '../demoProcess.ts';

/** The events the demo process appends, caught by an event store that only records them. */
async function appended() {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const eventStore = {
    append: async (_stream: unknown, batch: typeof events) => {
      events.push(...batch);
      return {};
    },
  };
  const services = { tenantId: randomUUID(), eventStore, today: '2026-12-04' };
  await loadDemoProcess(services as unknown as DemoServices);
  return events;
}

describe('the demo collection process', () => {
  it('keeps to weekdays from 08:00 to 18:00, as saved', async () => {
    const [defined] = await appended();
    expect(defined?.type).toBe('ProcessDefined');
    expect(defined?.data.window).toEqual({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '08:00',
      to: '18:00',
    });
  });
});
