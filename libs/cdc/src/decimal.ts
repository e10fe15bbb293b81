/**
 * Exact decimals: Kafka Connect `Decimal` bytes (big-endian two's complement unscaled value) and numeric literals
 * to decimal strings. Never goes through floating point.
 */

/**
 * Reads a big-endian two's-complement integer (Java `BigInteger.toByteArray`).
 *
 * @example
 * unscaledFromBytes(new Uint8Array([0x00, 0x9c])) // 156n
 */
export function unscaledFromBytes(bytes: Uint8Array): bigint | number {
  const n = bytes.length;
  if (n === 0) return 0;
  if (n <= 6) {
    let v = bytes[0] & 0x80 ? bytes[0] - 256 : bytes[0];
    for (let i = 1; i < n; i++) v = v * 256 + bytes[i];
    return v;
  }
  let v = 0n;
  for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes[0] & 0x80) v -= 1n << BigInt(8 * n);
  return v;
}

/**
 * Formats an unscaled integer with `scale` fraction digits (negative scale appends zeros).
 *
 * @example
 * formatDecimal(156n, 2) // '1.56'
 * formatDecimal(-5, 3)   // '-0.005'
 */
export function formatDecimal(unscaled: bigint | number, scale: number): string {
  const negative = unscaled < 0;
  let digits = String(negative ? -unscaled : unscaled);
  if (scale <= 0) {
    const s = digits === '0' ? '0' : digits + '0'.repeat(-scale);
    return negative ? '-' + s : s;
  }
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  return (negative ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
}

/**
 * Decodes Connect `Decimal` bytes with the schema's scale.
 *
 * @example
 * decimalFromBytes(new Uint8Array([0x00, 0x9c]), 2) // '1.56'
 */
export function decimalFromBytes(bytes: Uint8Array, scale: number): string {
  return formatDecimal(unscaledFromBytes(bytes), scale);
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Rescales a JSON number literal (e.g. `decimal.format=NUMERIC`) to exactly `scale` fraction digits. Returns
 * `null` when that would drop non-zero digits (the value does not fit the scale exactly) or the text is not a number.
 *
 * @example
 * decimalFromNumberText('1.5', 2)   // '1.50'
 * decimalFromNumberText('1e-7', 7)  // '0.0000001'
 * decimalFromNumberText('1.234', 2) // null
 */
export function decimalFromNumberText(text: string, scale: number): string | null {
  const m = NUMBER_TEXT.exec(text);
  if (!m) return null;
  const exp = m[4] ? Number(m[4]) : 0;
  let intPart = m[2];
  let frac = m[3] ?? '';
  if (exp > 0) {
    const moved = frac.slice(0, exp).padEnd(exp, '0');
    intPart += moved;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const k = -exp;
    const padded = intPart.padStart(k + 1, '0');
    frac = padded.slice(padded.length - k) + frac;
    intPart = padded.slice(0, padded.length - k);
  }
  if (frac.length > scale) {
    if (/[^0]/.test(frac.slice(Math.max(scale, 0)))) return null;
    frac = frac.slice(0, Math.max(scale, 0));
  }
  let digits = (intPart + frac.padEnd(Math.max(scale, 0), '0')).replace(/^0+(?=\d)/, '');
  if (scale < 0) {
    const drop = digits.slice(digits.length + scale);
    if (/[^0]/.test(drop) && digits !== '0') return null;
    digits = digits.slice(0, digits.length + scale) || '0';
  }
  return formatDecimal(m[1] === '-' ? -BigInt(digits) : BigInt(digits), scale);
}
