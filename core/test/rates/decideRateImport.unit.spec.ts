import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.ts';
import type { RateTable } from '../../src/rates/exchangeRateEvents.ts';
import { decideRateImport, foldRateBook } from '../../src/rates/importRateTables.ts';

const table = (number: string, effectiveDate: string, eur: string): RateTable => ({
  table: 'A',
  number,
  effectiveDate,
  rates: [{ code: 'EUR', mid: eur }],
});
const imported = (...tables: RateTable[]) =>
  foldRateBook(tables.map((data) => ({ type: 'ExchangeRateTableImported', data })));

describe('importing rate tables', () => {
  it('appends new numbers, replaces a number with other rates, and leaves the same alone', () => {
    const given = imported(table('001/A/NBP/2026', '2026-01-02', '4.2345'));
    const when = [
      table('001/A/NBP/2026', '2026-01-02', '4.2345'),
      table('002/A/NBP/2026', '2026-01-05', '4.25'),
    ];
    const first = decideRateImport(given, when);
    expect(first.append.map((t) => t.number)).toEqual(['002/A/NBP/2026']);
    expect(first.report).toEqual({
      imported: 1,
      corrected: 0,
      unchanged: 1,
      tables: [
        { number: '001/A/NBP/2026', effectiveDate: '2026-01-02', status: 'unchanged' },
        { number: '002/A/NBP/2026', effectiveDate: '2026-01-05', status: 'imported' },
      ],
    });

    const correction = decideRateImport(given, [table('001/A/NBP/2026', '2026-01-02', '4.2346')]);
    expect(correction.append).toEqual([table('001/A/NBP/2026', '2026-01-02', '4.2346')]);
    expect(correction.report).toMatchObject({ imported: 0, corrected: 1, unchanged: 0 });
  });

  it('folds a correction over the table it replaces, counting the stream version', () => {
    const book = imported(
      table('001/A/NBP/2026', '2026-01-02', '4.2345'),
      table('001/A/NBP/2026', '2026-01-02', '4.2346'),
    );
    expect(book.version).toBe(2);
    expect(book.tables.get('001/A/NBP/2026')?.rates).toEqual([{ code: 'EUR', mid: '4.2346' }]);
  });

  it('refuses a table dated on the day of another number, unless that one moves away', () => {
    const given = imported(table('001/A/NBP/2026', '2026-01-02', '4.2345'));
    expect(() => decideRateImport(given, [table('009/A/NBP/2026', '2026-01-02', '4.3')])).toThrow(
      ConflictError,
    );
    const moved = decideRateImport(given, [
      table('001/A/NBP/2026', '2026-01-01', '4.2345'),
      table('009/A/NBP/2026', '2026-01-02', '4.3'),
    ]);
    expect(moved.report).toMatchObject({ imported: 1, corrected: 1 });
  });
});
