import { WindowingError, type WindowingErrorCode } from '../errors.js';
import { describe } from '../time.js';

/**
 * Exact decimals as scaled bigints: `'129.90'` is `12990n` at scale 2. Parsing, canonical formatting, rescaling
 * and division with an explicit rounding mode. Never goes through floating point.
 */

/** `-?digits(.digits)?`: no exponent, no plus sign, no blanks, no bare `.5` or `5.`. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The largest scale (fraction digits) accepted, so that one odd value cannot blow every later sum up to
 * thousands of digits. PostgreSQL's NUMERIC(14,2) is scale 2.
 *
 * @example
 * decimalScale('1.' + '0'.repeat(MAX_DECIMAL_SCALE)); // ok; one more digit throws INVALID_DECIMAL
 */
export const MAX_DECIMAL_SCALE = 100;

/**
 * How a quotient is rounded to the result scale (Java's `RoundingMode`, kebab-cased): `half-even` (banker's
 * rounding: ties to the even digit, the default), `half-up` (ties away from zero, as PostgreSQL's `round`),
 * `half-down` (ties toward zero), `up` (away from zero), `down` (toward zero, truncation), `ceiling` (toward +∞),
 * `floor` (toward −∞).
 *
 * @example
 * const mode: RoundingMode = 'half-even'; // 0.125 → '0.12', 0.135 → '0.14'
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceiling' | 'floor';

const ROUNDING_MODES: readonly string[] = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceiling', 'floor'];

/**
 * Throws `INVALID_CONFIG` unless `mode` is a {@link RoundingMode}.
 *
 * @example
 * assertRoundingMode('half-up'); // 'half-up'
 */
export function assertRoundingMode(mode: unknown): RoundingMode {
  if (typeof mode !== 'string' || !ROUNDING_MODES.includes(mode)) {
    throw new WindowingError('INVALID_CONFIG', `rounding must be one of ${ROUNDING_MODES.join(', ')}, got ${describe(mode)}`);
  }
  return mode as RoundingMode;
}

/**
 * Validates a decimal string and returns its scale (fraction digits). Throws `code` (`INVALID_DECIMAL` by
 * default) naming the value and `what` received it; numbers are rejected (a float may already have lost cents).
 *
 * @example
 * decimalScale('-0.50'); // 2
 * decimalScale('1e3'); // throws WindowingError('INVALID_DECIMAL')
 */
export function decimalScale(text: unknown, what = 'value', code: WindowingErrorCode = 'INVALID_DECIMAL'): number {
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    const kind = typeof text === 'string' ? '' : ` (a ${typeof text}; decimals must be strings)`;
    throw new WindowingError(code, `${what}: expected a decimal string like "129.90", got ${describe(text)}${kind}`);
  }
  const dot = text.indexOf('.');
  const scale = dot < 0 ? 0 : text.length - dot - 1;
  if (scale > MAX_DECIMAL_SCALE) {
    throw new WindowingError(code, `${what}: ${scale} fraction digits is above ${MAX_DECIMAL_SCALE}, got ${describe(text)}`);
  }
  return scale;
}

/**
 * The unscaled integer of a decimal string already checked by {@link decimalScale}: `'-0.50'` → `-50n`.
 *
 * @example
 * decimalUnits('129.90', 2); // 12990n
 */
export function decimalUnits(text: string, scale: number): bigint {
  if (scale === 0) return BigInt(text);
  const dot = text.length - scale - 1;
  return BigInt(text.slice(0, dot) + text.slice(dot + 1));
}

/**
 * Canonical decimal string of `units` at `scale`: exactly `scale` fraction digits, no leading zeros, no exponent,
 * no negative zero.
 *
 * @example
 * formatDecimal(-50n, 2); // '-0.50'
 * formatDecimal(1234567890123456789012n, 2); // '12345678901234567890.12'
 */
export function formatDecimal(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const POWERS: bigint[] = [1n];

/**
 * `10^k` as a bigint (cached).
 *
 * @example
 * pow10(3); // 1000n
 */
export function pow10(k: number): bigint {
  for (let i = POWERS.length; i <= k; i++) POWERS.push(POWERS[i - 1] * 10n);
  return POWERS[k];
}

/**
 * `n / d` rounded to an integer with `mode`; `d` must be positive.
 *
 * @example
 * divideRounded(5n, 2n, 'half-even'); // 2n (2.5 → 2)
 * divideRounded(-5n, 2n, 'half-up'); // -3n
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d; // truncated toward zero
  const r = n % d; // sign of n
  if (r === 0n) return q;
  const negative = n < 0n;
  const away = negative ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'floor':
      return negative ? away : q;
    case 'ceiling':
      return negative ? q : away;
    default: {
      const twice = (negative ? -r : r) * 2n;
      if (twice !== d) return twice > d ? away : q;
      if (mode === 'half-up') return away;
      if (mode === 'half-down') return q;
      return q % 2n === 0n ? q : away;
    }
  }
}
