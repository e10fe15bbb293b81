/**
 * Formats minor units (hundredths) as a decimal string without a range check (sums over a window may pass
 * NUMERIC(14,2)); negative amounts keep their sign.
 *
 * @example
 * formatMinor(1500000005n); // '15000000.05'
 */
export function formatMinor(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
