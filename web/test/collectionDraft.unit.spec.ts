import { describe, expect, it } from 'vitest';
import { earliestDay, promiseBody, statusCounts } from '../app/utils/collectionDraft';

describe('a promise to pay as its form sends it', () => {
  it('leaves out what was not filled in, the currency too when there is no amount', () => {
    expect(promiseBody({ until: '2026-05-12', amount: '', currency: 'PLN', note: '  ' })).toEqual({
      until: '2026-05-12',
    });
  });

  it('takes the spaces out of an amount as people type it, and keeps the note trimmed', () => {
    expect(
      promiseBody({ until: '2026-05-12', amount: '1 200,50', currency: 'eur', note: ' po 10. ' }),
    ).toEqual({ until: '2026-05-12', amount: '1200,50', currency: 'EUR', note: 'po 10.' });
  });
});

describe('the first day a promise may name', () => {
  it('is read from the refusal of a day gone by, and from nothing else', () => {
    expect(earliestDay('must be 2026-05-04 or later')).toBe('2026-05-04');
    expect(earliestDay('must match format "date"')).toBeNull();
    expect(earliestDay(undefined)).toBeNull();
  });
});

describe("a step's messages by status", () => {
  it('shows only statuses with messages, waiting first, rejected last', () => {
    expect(statusCounts({ rejected: 1, sent: 0, delivered: 3, awaiting_approval: 2 })).toEqual([
      { status: 'awaiting_approval', n: 2 },
      { status: 'delivered', n: 3 },
      { status: 'rejected', n: 1 },
    ]);
  });
});
