import { Rng, hashSeed } from './rng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed('42');
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });

  it('gives different sequences for different seeds and forks', () => {
    expect(Rng.fromSeed(1).next()).not.toBe(Rng.fromSeed(2).next());
    const root = Rng.fromSeed(1);
    expect(root.fork('a').next()).not.toBe(root.fork('b').next());
    // A fork depends on the seed and label only, not on how far the parent has advanced.
    const advanced = Rng.fromSeed(1);
    advanced.next();
    expect(advanced.fork('a').next()).toBe(Rng.fromSeed(1).fork('a').next());
  });

  it('keeps int, float, pick and weightedIndex in range', () => {
    const rng = Rng.fromSeed('range');
    for (let i = 0; i < 2_000; i++) {
      const n = rng.int(10, 12);
      expect(n === 10 || n === 11 || n === 12).toBe(true);
      const f = rng.float(1, 3);
      expect(f >= 1 && f < 3).toBe(true);
      expect(['x', 'y']).toContain(rng.pick(['x', 'y']));
      expect(rng.weightedIndex([0, 1, 0])).toBe(1);
    }
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weightedIndex([0, 0])).toThrow(RangeError);
  });

  it('draws version-4 UUIDs and strings from the alphabet', () => {
    const rng = Rng.fromSeed(7);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.string(8, 'AB')).toMatch(/^[AB]{8}$/);
  });

  it('hashes seeds to unsigned 32-bit integers', () => {
    expect(hashSeed('42')).toBe(hashSeed('42'));
    expect(hashSeed('42')).toBeGreaterThanOrEqual(0);
    expect(hashSeed('42')).toBeLessThan(2 ** 32);
  });
});
