/**
 * Exact two-decimal arithmetic on bigint hundredths (cents of money, hundredths of a percent): formatting,
 * parsing and half-even division. Sums and differences may pass NUMERIC(14,2) and go negative, which the money
 * helpers of @ecom/domain refuse, so the job formats them itself.
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
 * The cents of a NUMERIC(14,2) money string, in one pass over its characters: exactly the strings `toMinorUnits`
 * of @ecom/domain accepts (`MONEY_PATTERN`), with the same value; `undefined` for anything else.
 *
 * @example
 * moneyCents('129.9'); // 12990n
 * moneyCents('-1.00'); // undefined
 */
export function moneyCents(text: unknown): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const dot = text.indexOf('.');
  const units = dot === -1 ? text.length : dot;
  const fraction = dot === -1 ? 0 : text.length - dot - 1;
  if (units < 1 || units > 12 || (units > 1 && text.charCodeAt(0) === 48)) return undefined; // 48: '0'
  if (dot !== -1 && (fraction < 1 || fraction > 2)) return undefined;
  let cents = 0; // at most 14 digits: exact as a number
  for (let i = 0; i < text.length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (i === dot) continue;
    if (digit < 0 || digit > 9) return undefined;
    cents = cents * 10 + digit;
  }
  return BigInt(fraction === 2 ? cents : fraction === 1 ? cents * 10 : cents * 100);
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
