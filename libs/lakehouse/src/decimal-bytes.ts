/**
 * The fewest bytes whose two's complement holds every unscaled value of DECIMAL(precision, s), as Parquet's
 * FIXED_LEN_BYTE_ARRAY decimals need (`precision` 14 → 6 bytes).
 *
 * @example
 * decimalByteLength(14); // 6
 * decimalByteLength(38); // 16
 */
export function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (max >= 1n << BigInt(bytes * 8 - 1)) bytes++;
  return bytes;
}

/**
 * The big-endian two's complement bytes of an unscaled decimal, `length` long (Parquet's FIXED_LEN_BYTE_ARRAY
 * DECIMAL encoding).
 *
 * @example
 * decimalBytes(1n, 2); // Uint8Array [0, 1]
 * decimalBytes(-1n, 2); // Uint8Array [255, 255]
 */
export function decimalBytes(unscaled: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = BigInt.asUintN(length * 8, unscaled);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
