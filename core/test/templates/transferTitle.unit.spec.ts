import { describe, expect, it } from 'vitest';
import { transferTitle, TRANSFER_TITLE_LENGTH } from '../../src/templates/transferTitle.ts';

const numbers = (count: number) =>
  Array.from({ length: count }, (_, i) => `FV/${String(i + 1).padStart(4, '0')}/12/2026`);

describe('the transfer title', () => {
  it('joins the invoice numbers when they fit', () => {
    expect(transferTitle(['FV/1/2026', 'FV/2/2026'], 'pl')).toBe('FV/1/2026, FV/2/2026');
  });

  it('fills 140 characters and says how many invoices it left out', () => {
    // Each number is 15 characters, 17 with its separator: seven take 117 and the rest 11.
    const title = transferTitle(numbers(12), 'pl');
    expect(title).toBe(`${numbers(7).join(', ')} i 5 innych`);
    expect(title.length).toBeLessThanOrEqual(TRANSFER_TITLE_LENGTH);
    expect(`${numbers(8).join(', ')} i 4 inne`.length).toBeGreaterThan(TRANSFER_TITLE_LENGTH);
  });

  it('names what was left out in Polish and English forms', () => {
    expect(transferTitle(numbers(10), 'pl')).toBe(`${numbers(7).join(', ')} i 3 inne`);
    expect(transferTitle(numbers(10), 'en')).toBe(`${numbers(7).join(', ')} and 3 more`);
    const long = 'X'.repeat(120);
    expect(transferTitle([long, 'FV/22', 'FV/33', 'FV/44'], 'pl')).toBe(`${long}, FV/22 i 2 inne`);
    expect(transferTitle([long, 'FV/2', 'FV/3333333333333'], 'pl')).toBe(`${long}, FV/2 i 1 inna`);
  });

  it('takes exactly 140 characters when they are all invoice numbers', () => {
    const exact = ['A'.repeat(69), 'B'.repeat(69)];
    expect(transferTitle(exact, 'pl')).toHaveLength(140);
    expect(transferTitle(exact, 'pl')).toBe(exact.join(', '));
  });

  it('cuts a single number longer than a title', () => {
    expect(transferTitle(['N'.repeat(200)], 'pl')).toBe('N'.repeat(140));
    expect(transferTitle(['N'.repeat(200), 'FV/2'], 'en')).toBe('N'.repeat(140));
  });
});
