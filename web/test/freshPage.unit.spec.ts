import type { Page } from '@monity/sdk';
import { describe, expect, it } from 'vitest';
import { withFreshPage } from '../app/utils/freshPage.ts';

interface Row {
  id: string;
  status: string;
}

const row = (id: string, status = 'sent'): Row => ({ id, status });
const ids = (page: Page<Row>) => page.items.map((r) => `${r.id}:${r.status}`);

describe('a list with its first page asked again', () => {
  it('takes the fresh page whole when it holds the whole list', () => {
    const loaded = { items: [row('3'), row('2'), row('1')], next: null };
    const fresh = { items: [row('4'), row('3', 'delivered'), row('1')], next: null };

    expect(withFreshPage(loaded, fresh, (r) => r.id)).toEqual(fresh);
  });

  it('keeps the pages below the fresh one, and their cursor', () => {
    const loaded = { items: [row('6'), row('5'), row('4'), row('3'), row('2')], next: 'c-2' };
    const fresh = { items: [row('7'), row('6', 'bounced'), row('4')], next: 'c-4' };

    const merged = withFreshPage(loaded, fresh, (r) => r.id);

    // 5 left the filter (it lies within the fresh page's range and is not in it).
    expect(ids(merged)).toEqual(['7:sent', '6:bounced', '4:sent', '3:sent', '2:sent']);
    expect(merged.next).toBe('c-2');
  });

  it('keeps what a new message pushed off the first page, with the cursor after it', () => {
    const loaded = { items: [row('3'), row('2')], next: 'c-2' };
    const fresh = { items: [row('4'), row('3')], next: 'c-3' };

    const merged = withFreshPage(loaded, fresh, (r) => r.id);

    expect(ids(merged)).toEqual(['4:sent', '3:sent', '2:sent']);
    expect(merged.next).toBe('c-2');
  });

  it("takes the fresh page's cursor when nothing loaded lies below it", () => {
    const loaded = { items: [row('3')], next: 'c-3' };
    const fresh = { items: [row('5'), row('4'), row('3')], next: 'c-3b' };

    expect(withFreshPage(loaded, fresh, (r) => r.id)).toEqual(fresh);
  });
});
