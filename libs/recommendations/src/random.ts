/**
 * A small seeded PRNG (mulberry32 over a string-hashed seed) for factor initialisation: the same seed gives the same
 * numbers on every platform.
 *
 * @example
 * const random = seededRandom('als-42');
 * random.next(); // 0 <= x < 1, always the same first value for this seed
 * random.normal(); // a standard normal deviate
 */
export function seededRandom(seed: string | number): { next(): number; normal(): number } {
  let state = 2166136261;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 16777619);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal(): number {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
