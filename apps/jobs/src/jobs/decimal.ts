/**
 * Exact two-decimal arithmetic on bigint hundredths (cents of money, hundredths of a percent): formatting,
 * parsing and half-even division, for the job cores (revenue, top products). Sums and differences may pass
 * NUMERIC(14,2) and go negative, which the money helpers of @ecom/domain refuse, so the jobs format them themselves.
 */

const HUNDREDTHS = /^(-?)(0|[1-9]\d*)\.(\d{2})$/;

/**
 * The decimal string of an amount in hundredths: `12990n` → `'129.90'`, `-5n` → `'-0.05'` (no `-0`).
 *
 * @example
 * formatHundredths(12990n); // '129.90'
 */
export function formatHundredths(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * The hundredths of a string {@link formatHundredths} wrote, or `undefined` for anything else.
 *
 * @example
 * parseHundredths('-0.05'); // -5n
 */
export function parseHundredths(text: unknown): bigint | undefined {
  const m = typeof text === 'string' ? HUNDREDTHS.exec(text) : null;
  if (m === null || (m[1] === '-' && m[2] === '0' && m[3] === '00')) return undefined;
  const abs = BigInt(m[2] ?? '0') * 100n + BigInt(m[3] ?? '0');
  return m[1] === '-' ? -abs : abs;
}

/**
 * `n / d` rounded to an integer, ties to the even neighbour (banker's rounding); `d` must be positive.
 *
 * @example
 * divideHalfEven(25n, 10n); // 2n (2.5 → 2)
 * divideHalfEven(-35n, 10n); // -4n (-3.5 → -4)
 */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < d || (twice === d && q % 2n === 0n)) return q;
  return n < 0n ? q - 1n : q + 1n;
}
