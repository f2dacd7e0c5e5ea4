import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { readNbpCsv } from '../../src/rates/nbpCsv.ts';
import { readNbpJson } from '../../src/rates/nbpJson.ts';
import { rateOfJsonNumber, rateOfOneUnit } from '../../src/rates/rateDecimal.ts';
import { rateFileFormat, readRateFile } from '../../src/rates/readRateFile.ts';

/** The first lines of NBP's 2026 archive, shaped as nbp.pl publishes it (rates made up). */
const ARCHIVE = [
  'data;1THB;1USD;1EUR;100HUF;100JPY;10000IDR;nr tabeli;pełny numer tabeli;',
  ';bat (Tajlandia);dolar amerykański;euro;forint (Węgry);jen (Japonia);rupia indonezyjska;;;',
  '20260102;0,1118;3,6147;4,2345;1,0915;2,3456;2,2345;1;001/A/NBP/2026;',
  '20260105;0,1120;3,62;4,2400;1,0920;2,3500;2,2400;2;002/A/NBP/2026;',
  '',
  'kod ISO;THB;USD;EUR;HUF;JPY;IDR;;;',
  'nazwa waluty;bat (Tajlandia);dolar amerykański;euro;forint (Węgry);jen (Japonia);rupia;;;',
  'liczba jednostek;1;1;1;100;100;10000;;;',
];

const win1250 = (lines: string[]) => iconv.encode(lines.join('\r\n'), 'win1250');

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.message);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('rates as decimal strings', () => {
  it('brings a rate for 100 or 10 000 units to one unit exactly, by moving the point', () => {
    expect(rateOfOneUnit('2,3456', 100)).toEqual({ ok: true, mid: '0.023456' });
    expect(rateOfOneUnit('2,2345', 10_000)).toEqual({ ok: true, mid: '0.00022345' });
    expect(rateOfOneUnit('4.2300')).toEqual({ ok: true, mid: '4.23' });
    expect(rateOfOneUnit('012,5', 1)).toEqual({ ok: true, mid: '12.5' });
    expect(rateOfOneUnit('150', 100)).toEqual({ ok: true, mid: '1.5' });
  });

  it('refuses what is no rate, units that are no power of ten, and places it cannot keep', () => {
    expect(rateOfOneUnit('3,61x', 1)).toMatchObject({ ok: false });
    expect(rateOfOneUnit('0,0000', 1)).toEqual({ ok: false, problem: 'a rate must be above zero' });
    expect(rateOfOneUnit('1,5', 3)).toMatchObject({ ok: false });
    expect(rateOfOneUnit('2,23456', 10_000)).toMatchObject({ ok: false });
  });

  it('writes a JSON number as the decimal it was sent as, refusing float artefacts', () => {
    expect(rateOfJsonNumber(3.6147)).toEqual({ ok: true, mid: '3.6147' });
    expect(rateOfJsonNumber(0.00022345)).toEqual({ ok: true, mid: '0.00022345' });
    expect(rateOfJsonNumber(4)).toEqual({ ok: true, mid: '4' });
    expect(rateOfJsonNumber(0.1 + 0.2)).toMatchObject({ ok: false });
    expect(rateOfJsonNumber(-1)).toMatchObject({ ok: false });
  });
});

describe('the NBP Web API format', () => {
  const answer = [
    {
      table: 'A',
      no: '002/A/NBP/2026',
      effectiveDate: '2026-01-05',
      rates: [
        { currency: 'jen (Japonia)', code: 'JPY', mid: 0.023456 },
        { currency: 'dolar amerykański', code: 'USD', mid: 3.6147 },
      ],
    },
    {
      table: 'A',
      no: '001/A/NBP/2026',
      effectiveDate: '2026-01-02',
      rates: [{ currency: 'euro', code: 'EUR', mid: 4.2345 }],
    },
  ];

  it('reads an array of tables by day, rates by code, mids as decimal strings', () => {
    expect(readNbpJson(answer, '/body')).toEqual([
      {
        table: 'A',
        number: '001/A/NBP/2026',
        effectiveDate: '2026-01-02',
        rates: [{ code: 'EUR', mid: '4.2345' }],
      },
      {
        table: 'A',
        number: '002/A/NBP/2026',
        effectiveDate: '2026-01-05',
        rates: [
          { code: 'JPY', mid: '0.023456' },
          { code: 'USD', mid: '3.6147' },
        ],
      },
    ]);
  });

  it('reads a single table, and a table repeated identically once', () => {
    expect(readNbpJson(answer[1], '/body')).toHaveLength(1);
    expect(readNbpJson([answer[1], answer[1]], '/body')).toHaveLength(1);
  });

  it('names every problem by pointer before importing anything', () => {
    const faulty = [
      { ...answer[0], table: 'B' },
      {
        ...answer[1],
        rates: [
          { code: 'EUR', mid: 4.123456789 },
          { code: 'USD', mid: 4 },
          { code: 'USD', mid: 4.1 },
        ],
      },
      { ...answer[1], no: '003/A/NBP/2026', effectiveDate: '2026-02-30' },
      { ...answer[0], rates: [{ code: 'USD', mid: 3.7 }] },
      { ...answer[1], no: '004/A/NBP/2026', effectiveDate: '2026-01-05' },
    ];
    let error: unknown;
    try {
      readNbpJson(faulty, '/body');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { pointer: '/body/0/table', message: 'table 1: only table A (average rates) is taken' },
      {
        pointer: '/body/1/rates/0',
        message: 'table 2: EUR: 4.123456789 has more than 8 decimal places',
      },
      { pointer: '/body/1/rates', message: 'table 2: USD is listed twice' },
      { pointer: '/body/2/effectiveDate', message: 'table 3: must be a day as YYYY-MM-DD' },
      {
        pointer: '/body/4',
        message: 'table 5 (004/A/NBP/2026): 2026-01-05 has table 002/A/NBP/2026 already',
      },
    ]);
  });

  it('refuses the same number with other rates', () => {
    const corrected = { ...answer[1], rates: [{ code: 'EUR', mid: 4.3 }] };
    expect(problemsOf(() => readNbpJson([answer[1], corrected], '/body'))).toEqual([
      'table 2 (001/A/NBP/2026): table 001/A/NBP/2026 differs from table 1 (001/A/NBP/2026)',
    ]);
  });
});

describe("NBP's yearly CSV archive", () => {
  it('reads Windows-1250 with decimal commas, dividing rates for 100 and 10 000 units', () => {
    const tables = readNbpCsv(win1250(ARCHIVE), '/file');
    expect(tables.map((t) => [t.number, t.effectiveDate])).toEqual([
      ['001/A/NBP/2026', '2026-01-02'],
      ['002/A/NBP/2026', '2026-01-05'],
    ]);
    expect(tables[0]!.rates).toEqual([
      { code: 'EUR', mid: '4.2345' },
      { code: 'HUF', mid: '0.010915' },
      { code: 'IDR', mid: '0.00022345' },
      { code: 'JPY', mid: '0.023456' },
      { code: 'THB', mid: '0.1118' },
      { code: 'USD', mid: '3.6147' },
    ]);
    expect(tables[1]!.rates.find((r) => r.code === 'USD')).toEqual({ code: 'USD', mid: '3.62' });
  });

  it('reads the same file saved as UTF-8, and makes a number of `nr tabeli` alone', () => {
    const lines = ['data;1USD;nr tabeli', '20260102;3,6147;1', '20260105;3,6200;2'];
    const tables = readNbpCsv(Buffer.from(`\ufeff${lines.join('\n')}`), '/file');
    expect(tables.map((t) => t.number)).toEqual(['001/A/NBP/2026', '002/A/NBP/2026']);
  });

  it('skips a currency with an empty cell: not quoted that day', () => {
    const lines = ['data;1USD;1EUR;pełny numer tabeli', '20260102;;4,2345;001/A/NBP/2026'];
    expect(readNbpCsv(win1250(lines), '/file')[0]!.rates).toEqual([{ code: 'EUR', mid: '4.2345' }]);
  });

  it('names the line of every faulty row, and imports none of the file', () => {
    const lines = [...ARCHIVE];
    lines[2] = '20260102;0,1118;3,61x47;4,2345;1,0915;2,3456;2,2345;1;001/A/NBP/2026;';
    lines.splice(4, 0, '2026013;0,1;3,6;4,2;1,1;2,3;2,2;3;003/A/NBP/2026;');
    lines.splice(5, 0, '20260230;0,1;3,6;4,2;1,1;2,3;2,2;4;004/A/NBP/2026;');
    lines.splice(6, 0, '20260107;0,1;3,6;4,2;1,1;2,3;2,2;5;NBP;');
    expect(problemsOf(() => readNbpCsv(win1250(lines), '/file'))).toEqual([
      'line 3: 1USD: "3,61x47" is not a decimal number',
      'line 5: "2026013" is not a day as YYYYMMDD',
      'line 6: "20260230" is not a day as YYYYMMDD',
      'line 7: no table number like 001/A/NBP/2026',
    ]);
  });

  it('refuses a header it cannot place, and rows before any header', () => {
    expect(problemsOf(() => readNbpCsv(win1250(['20260102;3,6;1']), '/file'))).toEqual([
      'line 1: a row of rates before the header row (the one starting "data")',
    ]);
    const header = ['data;1USD;USD;3EUR;pełny numer tabeli', '20260102;1;2;3;001/A/NBP/2026'];
    expect(problemsOf(() => readNbpCsv(win1250(header), '/file'))).toEqual([
      'line 1: column 3 "USD" is not a currency like 1USD',
      'line 1: 3EUR: the units must be 1, 10, 100…',
    ]);
    expect(problemsOf(() => readNbpCsv(win1250(['kod ISO;USD']), '/file'))).toEqual([
      'no table of rates found',
    ]);
  });
});

describe('an uploaded rates file', () => {
  it('is told JSON or CSV by its content', () => {
    expect(rateFileFormat(Buffer.from('\ufeff  \r\n[{"table":"A"}]'))).toBe('nbp-json');
    expect(rateFileFormat(Buffer.from('{"table":"A"}'))).toBe('nbp-json');
    expect(rateFileFormat(win1250(ARCHIVE))).toBe('nbp-csv');
    expect(readRateFile(win1250(ARCHIVE)).tables).toHaveLength(2);
  });

  it('is refused as a whole when its JSON does not parse', () => {
    expect(problemsOf(() => readRateFile(Buffer.from('[{"table": "A",')))).toEqual([
      expect.stringMatching(/^not valid JSON: /),
    ]);
  });
});
