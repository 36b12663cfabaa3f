/**
 * A small seeded pseudo-random generator (mulberry32 over a 32-bit string
 * hash): the same seed always gives the same sequence, on every platform.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = hashString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** A Poisson-distributed count with the given mean (Knuth; small means). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** Log-normal around a median: most values near it, a long right tail. */
  logNormal(median: number, spread: number): number {
    const u = Math.max(this.next(), Number.EPSILON);
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  }

  /** A 40-character hexadecimal string shaped like a git commit SHA. */
  sha(): string {
    let out = '';
    for (let i = 0; i < 5; i++) {
      out += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    }
    return out;
  }

  /** One of the values, chosen by the given weights. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let pick = this.next() * total;
    for (const [value, weight] of choices) {
      pick -= weight;
      if (pick < 0) return value;
    }
    return choices[choices.length - 1][0];
  }
}

/** cyrb53-style 32-bit hash: stable across runs and Node versions. */
export function hashString(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 =
    Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^
    Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 =
    Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^
    Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}
