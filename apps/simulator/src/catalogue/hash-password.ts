import bcrypt from 'bcryptjs';
import type { Rng } from '../random/rng.js';

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The password every generated customer gets (as in the original), stored only as a bcrypt hash.
 *
 * @example
 * import bcrypt from 'bcryptjs';
 * bcrypt.compareSync(DEFAULT_PASSWORD, customer.password); // true
 */
export const DEFAULT_PASSWORD = 'password123';

/**
 * Default bcrypt cost factor (2^10 rounds, ~0.1 s per hash in pure JS). `generate --bcrypt-cost 4` is ~40× faster
 * for tests and benchmarks; the hashes stay valid bcrypt.
 *
 * @example
 * hashPassword('password123', DEFAULT_BCRYPT_COST, rng);
 */
export const DEFAULT_BCRYPT_COST = 10;

/**
 * A bcrypt (`$2b$`) hash of `password` with a salt drawn from `rng`, so the same seed gives the same hash.
 *
 * @example
 * hashPassword('password123', 4, Rng.fromSeed(1)); // '$2b$04$...' (60 characters)
 */
export function hashPassword(password: string, cost: number, rng: Rng): string {
  if (!Number.isInteger(cost) || cost < 4 || cost > 31)
    throw new RangeError('bcrypt cost must be an integer 4..31');
  const salt = `$2b$${String(cost).padStart(2, '0')}$${rng.string(22, BCRYPT_ALPHABET)}`;
  return bcrypt.hashSync(password, salt);
}
