/**
 * The demo ledger's randomness. Hand-written rather than taken from a package: the ledger must
 * come out byte-identical for the same seed on every machine and Node version (Math.random()
 * cannot be seeded), a draw must cost a few integer operations because a million invoices take
 * tens of millions of draws, and both fit in a page with no dependency to keep up to date.
 *
 * The generator is a 128-bit "small fast chaotic counter" (four 32-bit words, adds, shifts and a
 * rotation): it passes the usual statistical batteries, and its counter word guarantees a period
 * of at least 2^32 from any seed, far more than one customer's stream ever draws.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `seed`; streams for nearby seeds are unrelated, since the seed is mixed first. */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => (s = mix32((s + 0x9e3779b9) | 0));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // A few rounds move the state away from the mixer's output before the first draw.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An unsigned 32-bit integer. */
  uint32(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A standard normal value (Box-Muller; the pair's second value is dropped, for simplicity). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** A log-normal value with the given median and spread (the deviation of its logarithm). */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }
}

/** A fixed, weighted choice: build it once at module load, pick from it per record. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly bounds: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    let total = 0;
    this.bounds = entries.map(([, weight]) => (total += weight));
    this.bounds = this.bounds.map((bound) => bound / total);
  }

  pick(random: Random): T {
    const x = random.float();
    let low = 0;
    let high = this.bounds.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (x < (this.bounds[middle] as number)) high = middle;
      else low = middle + 1;
    }
    return this.items[low] as T;
  }
}

/**
 * A 32-bit seed made of several numbers (the ledger's seed, a customer's index, a stream's tag),
 * so each customer has streams of its own that do not depend on the customers before it.
 */
export function seedOf(...parts: number[]): number {
  let h = 0x6a09e667;
  for (const part of parts) {
    // Numbers above 2^32 (a large seed) contribute their high word too.
    h = mix32(h ^ (part >>> 0));
    h = mix32(h ^ Math.floor(part / 4294967296));
  }
  return h >>> 0;
}

/** A 32-bit finaliser: every input bit flips about half of the output bits. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
