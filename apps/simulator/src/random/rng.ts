/**
 * Hashes a seed and a label into a 32-bit state (xmur3-style string hash), so forks of one seed are independent.
 *
 * @example
 * hashSeed('42:customers'); // 2654435769 (some 32-bit unsigned integer)
 */
export function hashSeed(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/**
 * The simulator's only source of randomness: a small, fast, seeded PRNG (sfc32). Same seed, same sequence, on every
 * platform. `fork(label)` derives an independent stream, so adding products does not change the customers.
 *
 * @example
 * const rng = Rng.fromSeed(42);
 * rng.int(1, 6); // a die roll, always the same for seed 42
 * rng.fork('customers').pick(['a', 'b']);
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(
    private readonly seedText: string,
    state: number,
  ) {
    this.a = state;
    this.b = hashSeed(`${seedText}#b`);
    this.c = hashSeed(`${seedText}#c`);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /**
   * A generator for a numeric or text seed.
   *
   * @example
   * Rng.fromSeed(42).next(); // 0 <= x < 1
   */
  static fromSeed(seed: number | string): Rng {
    const text = String(seed);
    return new Rng(text, hashSeed(text));
  }

  /**
   * An independent generator derived from this one's seed and `label` (not from its current position).
   *
   * @example
   * Rng.fromSeed(1).fork('orders').int(1, 10);
   */
  fork(label: string): Rng {
    const text = `${this.seedText}/${label}`;
    return new Rng(text, hashSeed(text));
  }

  /**
   * A float in [0, 1).
   *
   * @example
   * rng.next(); // 0.7290...
   */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const result = (t + this.d) | 0;
    this.c = (this.c + result) | 0;
    return (result >>> 0) / 4294967296;
  }

  /**
   * An integer in [min, max], both ends inclusive (like Python's `randint`).
   *
   * @example
   * rng.int(10, 100); // stock
   */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /**
   * A float in [min, max).
   *
   * @example
   * rng.float(1, 3); // think time in seconds
   */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /**
   * True with probability `p`.
   *
   * @example
   * rng.chance(0.75); // is_active
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * A uniformly chosen element.
   *
   * @example
   * rng.pick(['credit_card', 'paypal']);
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick needs at least one item');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * An exponentially distributed value with the given mean (Poisson inter-arrival times).
   *
   * @example
   * rng.exponential(2); // mean 2 s between events
   */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /**
   * An index chosen with probability proportional to `weights[i]` (weights ≥ 0, not all 0).
   *
   * @example
   * rng.weightedIndex([0.4, 0.2, 0.4]); // 0, 1 or 2
   */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('Rng.weightedIndex needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * A random (version 4 layout) UUID drawn from this generator, so session ids are reproducible.
   *
   * @example
   * rng.uuid(); // 'c0a8f3e2-1b4d-4f6a-9c2e-0d1e2f3a4b5c'
   */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 16; i++) {
      let byte = Math.floor(this.next() * 256);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      if (i === 8) byte = (byte & 0x3f) | 0x80;
      hex.push(byte.toString(16).padStart(2, '0'));
    }
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /**
   * `length` characters drawn from `alphabet`.
   *
   * @example
   * rng.string(6, '0123456789ABCDEF'); // '9F3A2C'
   */
  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
