import { readNbpJson } from '@monity/core';
import { describe, expect, it } from 'vitest';
import { demoRateTables } from '../demoRates.ts';

describe('the demo company’s synthetic exchange rates', () => {
  const tables = demoRateTables('2026-03-16');

  it('cover the 13 months up to today, business days only, in NBP’s numbering', () => {
    expect(tables[0]!.effectiveDate).toBe('2025-02-17');
    expect(tables.at(-1)!.effectiveDate).toBe('2026-03-16');
    const weekdays = tables.map((t) => new Date(`${t.effectiveDate}T00:00:00Z`).getUTCDay());
    expect(weekdays.filter((day) => day === 0 || day === 6)).toEqual([]);
    expect(tables.map((t) => t.effectiveDate)).not.toContain('2025-12-25');

    const january = tables.filter((t) => t.effectiveDate.startsWith('2026-01'));
    expect(january.slice(0, 2).map((t) => [t.no, t.effectiveDate])).toEqual([
      ['001/A/NBP/2026', '2026-01-02'],
      ['002/A/NBP/2026', '2026-01-05'],
    ]);
  });

  it('give the same rate for a day whenever the demo starts', () => {
    const later = demoRateTables('2026-09-01');
    const day = later.find((t) => t.effectiveDate === '2026-03-16');
    expect(day).toEqual(tables.at(-1));
    expect(demoRateTables('2026-03-16')).toEqual(tables);
  });

  it('are valid NBP Web API JSON with four decimals, EUR and USD among them', () => {
    const read = readNbpJson(tables, '/demo');
    expect(read).toHaveLength(tables.length);
    expect(read.every((t) => t.rates.map((r) => r.code).join() === 'CHF,EUR,GBP,USD')).toBe(true);
    for (const { mid } of read.flatMap((t) => t.rates)) {
      expect(mid).toMatch(/^[3-6](\.\d{1,4})?$/);
    }
  });
});
