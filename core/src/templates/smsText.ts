/**
 * How long an SMS is in the units operators bill: segments. A text of GSM 03.38 characters
 * travels in 7-bit septets, 160 to a single message or 153 to each part of a longer one; any
 * other character (a Polish ą, ł, ś among them) switches the whole text to UCS-2, with 70 or
 * 67 UTF-16 units a part. Written here because the npm packages that count segments are
 * unmaintained or count the extension table and surrogate pairs across part boundaries.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsStats {
  encoding: SmsEncoding;
  /** In the encoding's units: septets for GSM-7 (an extension character takes two), UTF-16
   *  code units for UCS-2 (an emoji takes two). */
  length: number;
  /** Characters as a person counts them. */
  characters: number;
  /** Parts the text is sent in; 0 for an empty text. */
  segments: number;
  /** Units one part holds: 160 or 153 for GSM-7, 70 or 67 for UCS-2. */
  perSegment: number;
  /** Units left in the last part before another would be needed. */
  remaining: number;
  /** The characters that force UCS-2, each once, in order of appearance. */
  unicodeCharacters: string[];
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as an escape septet and the character: two septets each. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

const isGsm = (character: string) => GSM_BASIC.has(character) || GSM_EXTENSION.has(character);

export function smsStats(text: string): SmsStats {
  const characters = [...text];
  const unicodeCharacters = [...new Set(characters.filter((c) => !isGsm(c)))];
  const encoding: SmsEncoding = unicodeCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const cost = (c: string) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length);
  const costs = characters.map(cost);
  const length = costs.reduce((sum, n) => sum + n, 0);
  const { single, part } = LIMITS[encoding];

  if (length <= single) {
    const segments = length === 0 ? 0 : 1;
    const remaining = single - length;
    return {
      encoding,
      length,
      characters: characters.length,
      segments,
      perSegment: single,
      remaining,
      unicodeCharacters,
    };
  }
  // A character's units never straddle two parts: a part that cannot take it whole ends short.
  let segments = 1;
  let used = 0;
  for (const n of costs) {
    if (used + n > part) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return {
    encoding,
    length,
    characters: characters.length,
    segments,
    perSegment: part,
    remaining: part - used,
    unicodeCharacters,
  };
}

const POLISH_LETTERS = Object.fromEntries(
  [...'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ'].map((letter, i) => [letter, 'acelnoszzACELNOSZZ'[i]!]),
);

const all = (characters: string, as: string) =>
  Object.fromEntries([...characters].map((c) => [c, as]));

/** Typography a word processor puts into Polish text, none of it in GSM 03.38. */
const TYPOGRAPHY: Record<string, string> = {
  ...all('„”“«»', '"'),
  ...all('‘’‚', "'"),
  ...all('–—−', '-'),
  ...all('\u00a0\u202f\u2009\t', ' '),
  '…': '...',
};

/**
 * The text with Polish letters and typography written in GSM 03.38 (ą → a, ł → l, „ → "),
 * and other accented letters without their accents where GSM lacks them; what has no GSM
 * form (emoji) stays, and keeps the text in UCS-2.
 */
export function transliterate(text: string): string {
  return [...text]
    .map((c) => {
      if (isGsm(c)) return c;
      const mapped = POLISH_LETTERS[c] ?? TYPOGRAPHY[c];
      if (mapped !== undefined) return mapped;
      const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
      return [...bare].every(isGsm) ? bare : c;
    })
    .join('');
}
