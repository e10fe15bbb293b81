import { WindowingError, type WindowingErrorCode } from './errors.js';

/**
 * The smallest timestamp/watermark (the analogue of Java's `Long.MIN_VALUE`): the watermark before any event.
 *
 * @example
 * new BoundedOutOfOrderness(10).currentWatermark() === MIN_TIMESTAMP; // true
 */
export const MIN_TIMESTAMP = Number.MIN_SAFE_INTEGER;

/**
 * The largest timestamp/watermark (the analogue of Java's `Long.MAX_VALUE`): a watermark that closes every window.
 *
 * @example
 * operator.onWatermark(MAX_TIMESTAMP); // end of input: fire and clean up everything
 */
export const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/**
 * Throws `INVALID_TIMESTAMP` unless `ts` is a safe integer (milliseconds; no NaN, fractions or |ts| > 2^53 − 1).
 *
 * @example
 * assertTimestamp(1_700_000_000_000); // ok
 * assertTimestamp(1.5); // throws WindowingError('INVALID_TIMESTAMP')
 */
export function assertTimestamp(ts: number, what = 'timestamp'): void {
  if (!Number.isSafeInteger(ts)) {
    throw new WindowingError('INVALID_TIMESTAMP', `${what} must be a safe integer of milliseconds, got ${describe(ts)}`);
  }
}

/**
 * Throws `code` unless `value` is a safe integer ≥ `min` (sizes, gaps, counts, lateness…).
 *
 * @example
 * assertInteger(5000, 'size', 'INVALID_SIZE', 1); // ok
 * assertInteger(0, 'size', 'INVALID_SIZE', 1); // throws
 */
export function assertInteger(value: unknown, what: string, code: WindowingErrorCode, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new WindowingError(code, `${what} must be an integer ≥ ${min}, got ${describe(value)}`);
  }
  return value;
}

/**
 * `a + b` clamped to [{@link MIN_TIMESTAMP}, {@link MAX_TIMESTAMP}] (Flink saturates cleanup times the same way).
 *
 * @example
 * saturatingAdd(MAX_TIMESTAMP - 1, 10) === MAX_TIMESTAMP; // true
 */
export function saturatingAdd(a: number, b: number): number {
  const sum = a + b;
  return sum > MAX_TIMESTAMP ? MAX_TIMESTAMP : sum < MIN_TIMESTAMP ? MIN_TIMESTAMP : sum;
}

/**
 * Renders a bad value for an error message.
 *
 * @example
 * describe(NaN); // 'NaN'
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
