/**
 * Exact 64-bit integers from decimal digits without `BigInt(string)`: the value is assembled in two 32-bit words with
 * double arithmetic that never leaves the exact range (< 2^53) and read back through a `BigUint64Array`. On V8 this is
 * several times cheaper than parsing the string, and it matters because every Debezium message carries two `ts_ns`.
 */

const words = new Uint32Array(2);
const uint64 = new BigUint64Array(words.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const TWO_15 = 2 ** 15;
const TWO_17 = 2 ** 17;
const TWO_32 = 2 ** 32;

/**
 * Most decimal digits handled (every 19-digit number is below 2^64).
 *
 * @example
 * const digits = '18446744073709551615';
 * const big = digits.length <= MAX_UINT64_DIGITS ? uint64FromDigits(digits, 0, digits.length) : BigInt(digits);
 */
export const MAX_UINT64_DIGITS = 19;

/**
 * The non-negative integer written with the ASCII digits `text[start..end)` (1 to 19 digits, not checked), as a
 * bigint. {@link lastUint64Double} then returns the nearest double, exactly as `Number(text)` would.
 *
 * @example
 * uint64FromDigits('"ts_ns":1733906311190124154', 8, 27) // 1733906311190124154n
 */
export function uint64FromDigits(text: string, start: number, end: number): bigint {
  // value = a * 1e9 + b, with a < 1e10 (< 2^34) and b < 1e9 (< 2^30).
  const split = end - 9 > start ? end - 9 : start;
  let a = 0;
  for (let i = start; i < split; i++) a = a * 10 + (text.charCodeAt(i) - 48);
  let b = 0;
  for (let i = split; i < end; i++) b = b * 10 + (text.charCodeAt(i) - 48);
  // a * 1e9 = (ah * 2^17 + al) * 1e9 = X * 2^17 + al * 1e9, where X = ah * 1e9 < 2^47 and al * 1e9 < 2^47.
  const al = a % TWO_17;
  const x = ((a - al) / TWO_17) * 1e9;
  // X * 2^17 = xh * 2^32 + xl * 2^17 with X = xh * 2^15 + xl.
  const xl = x % TWO_15;
  const xh = (x - xl) / TWO_15;
  // value = xh * 2^32 + z, with z = xl * 2^17 + al * 1e9 + b < 2^32 + 2^48 (exact).
  const z = xl * TWO_17 + al * 1e9 + b;
  const zl = z % TWO_32;
  words[HI] = xh + (z - zl) / TWO_32;
  words[LO] = zl;
  return uint64[0] as bigint;
}

/**
 * The double nearest to the last {@link uint64FromDigits} result (one correctly rounded addition).
 *
 * @example
 * uint64FromDigits('9007199254740993', 0, 16); lastUint64Double() // 9007199254740992
 */
export function lastUint64Double(): number {
  return (words[HI] as number) * TWO_32 + (words[LO] as number);
}
