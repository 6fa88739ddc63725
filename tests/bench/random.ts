/**
 * A small seeded pseudo-random source (sfc32), so the generated body is the
 * same bytes for the same seed on every machine and every run.
 */

/** A seeded random source with the few draws the generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // Spread the seed text over the four words of state (cyrb128-style mixing).
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
    this.c = h3 >>> 0;
    this.d = h4 >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `n` distinct elements (or all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy[i]!);
      copy[i] = copy[copy.length - 1]!;
      copy.pop();
    }
    return out;
  }

  /** An id body of `length` characters from [0-9a-z]. */
  token(length: number): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * 36)];
    return out;
  }
}

/**
 * Draws from a list with Zipf-like weights (the first items far more often
 * than the last), as words are used in real text: a few common, a long tail
 * of rare ones.
 */
export class ZipfPicker<T> {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly items: readonly T[],
    exponent = 1.05,
  ) {
    if (items.length === 0) throw new Error('ZipfPicker needs at least one item');
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      total += 1 / Math.pow(i + 1, exponent);
      this.cumulative[i] = total;
    }
    for (let i = 0; i < items.length; i++) this.cumulative[i] = this.cumulative[i]! / total;
  }

  pick(random: Random): T {
    const x = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}
