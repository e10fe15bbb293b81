import { Faker, base, en, vi } from '@faker-js/faker';
import type { Rng } from './rng.js';

/** Vietnamese and English fakers that draw every random number from one {@link Rng}. */
export interface SeededFakers {
  readonly vi: Faker;
  readonly en: Faker;
}

/**
 * Fakers whose randomness comes from `rng` (faker's `randomizer` option), so there is exactly one seeded source.
 *
 * @example
 * const fakers = seededFakers(Rng.fromSeed(42).fork('customers'));
 * fakers.vi.person.lastName(); // 'Nguyễn' (always, for seed 42)
 */
export function seededFakers(rng: Rng): SeededFakers {
  const randomizer = { next: () => rng.next(), seed: () => undefined };
  return {
    vi: new Faker({ locale: [vi, base], randomizer }),
    en: new Faker({ locale: [en, base], randomizer }),
  };
}
