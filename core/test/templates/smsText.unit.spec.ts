import { describe, expect, it } from 'vitest';
import { smsStats, transliterate } from '../../src/templates/smsText.ts';

const times = (text: string, n: number) => text.repeat(n);

describe('SMS length', () => {
  it('counts a GSM 03.38 text in septets, 160 to a single message', () => {
    expect(smsStats('')).toMatchObject({ encoding: 'GSM-7', length: 0, segments: 0 });
    expect(smsStats(times('a', 160))).toMatchObject({
      encoding: 'GSM-7',
      length: 160,
      segments: 1,
      perSegment: 160,
      remaining: 0,
    });
  });

  it('sends longer GSM texts in parts of 153', () => {
    expect(smsStats(times('a', 161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsStats(times('a', 306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsStats(times('a', 307))).toMatchObject({ segments: 3, remaining: 152 });
  });

  it('counts the extension table (€, [, ], {, }, ~, ^, |, \\) as two septets', () => {
    const stats = smsStats(`Do zaplaty 100 € ${times('a', 142)}`);
    expect(stats).toMatchObject({ encoding: 'GSM-7', characters: 159, length: 160, segments: 1 });
    expect(smsStats(`${times('a', 159)}€`)).toMatchObject({ length: 161, segments: 2 });
  });

  it('never splits an extension character across two parts', () => {
    // 152 septets, then € (2): the first part ends one short, and the € opens the second.
    const stats = smsStats(`${times('a', 152)}€${times('a', 10)}`);
    expect(stats).toMatchObject({ length: 164, segments: 2, remaining: 153 - 12 });
  });

  it('switches to UCS-2 for a single Polish letter: 70 to a message, 67 a part', () => {
    expect(smsStats('Zażółć')).toMatchObject({
      encoding: 'UCS-2',
      unicodeCharacters: ['ż', 'ó', 'ł', 'ć'],
    });
    expect(smsStats(`ą${times('a', 69)}`)).toMatchObject({ length: 70, segments: 1 });
    expect(smsStats(`ą${times('a', 70)}`)).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsStats(`ą${times('a', 133)}`)).toMatchObject({ length: 134, segments: 2 });
    expect(smsStats(`ą${times('a', 134)}`)).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UTF-16 units, never split across parts', () => {
    const stats = smsStats(`${times('ą', 66)}😀`);
    expect(stats).toMatchObject({ encoding: 'UCS-2', characters: 67, length: 68, segments: 1 });
    expect(smsStats(`${times('ą', 66)}😀${times('ą', 3)}`)).toMatchObject({
      length: 71,
      segments: 2,
      remaining: 67 - 5,
    });
  });

  it('takes the GSM letters of other languages (é, ü, Ø) as GSM', () => {
    expect(smsStats('Café Müller Øresund').encoding).toBe('GSM-7');
  });
});

describe('transliteration', () => {
  it('writes Polish letters and typography in GSM 03.38', () => {
    const text = 'Zażółć gęślą jaźń – „ZAŻÓŁĆ” … 1\u00a0234,56 zł';
    expect(transliterate(text)).toBe('Zazolc gesla jazn - "ZAZOLC" ... 1 234,56 zl');
    expect(smsStats(transliterate(text)).encoding).toBe('GSM-7');
  });

  it('keeps GSM letters and what has no GSM form', () => {
    expect(transliterate('é ü ç 😀')).toBe('é ü c 😀');
  });
});
