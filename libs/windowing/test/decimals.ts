/**
 * Test helpers for the exact decimal aggregates: seeded fast-check settings, decimal-string arbitraries of mixed
 * scales and magnitudes (well beyond 2^53), and a reference written independently of src/functions/decimal.ts
 * (string splitting and floor division on bigints).
 */
import fc from 'fast-check';

/** fast-check settings: fixed seed (override with FC_SEED), FC_RUNS runs. */
export const FC = { seed: Number(process.env.FC_SEED ?? 20_261_126), numRuns: Number(process.env.FC_RUNS ?? 200) };

/** A decimal as `units / 10^scale`. */
export interface RefDecimal {
  units: bigint;
  scale: number;
}

/** Reference parser: splits on the point. */
export function refParse(text: string): RefDecimal {
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(int + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

/** `d` at a scale ≥ its own. */
export function refAt(d: RefDecimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Canonical form: no leading zeros, no negative zero, no exponent. */
export const CANONICAL = /^(?:-?(?:[1-9]\d*|0)(?:\.\d+)?)$/;

/** Whether `text` is canonical and equals `units / 10^scale` at exactly `scale` fraction digits. */
export function isExactly(text: string, units: bigint, scale: number): boolean {
  if (!CANONICAL.test(text) || /^-0(?:\.0+)?$/.test(text)) return false;
  const d = refParse(text);
  return d.scale === scale && d.units === units;
}

/** Floor division (d > 0) and the rounding modes by their definitions. */
export function refRound(n: bigint, d: bigint, mode: string): bigint {
  let q = n / d;
  if (n % d !== 0n && n < 0n) q -= 1n; // floor
  const rem = n - q * d; // 0 ≤ rem < d
  if (rem === 0n) return q;
  const up = q + 1n;
  const positive = n > 0n;
  const half = 2n * rem === d ? 0 : 2n * rem > d ? 1 : -1;
  switch (mode) {
    case 'floor':
      return q;
    case 'ceiling':
      return up;
    case 'down':
      return positive ? q : up;
    case 'up':
      return positive ? up : q;
    case 'half-up':
      return half > 0 || (half === 0 && positive) ? up : q;
    case 'half-down':
      return half > 0 || (half === 0 && !positive) ? up : q;
    default: // half-even
      return half > 0 || (half === 0 && q % 2n !== 0n) ? up : q;
  }
}

/** The rounding modes. */
export const MODES = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceiling', 'floor'] as const;

/** Formats `units / 10^scale` with optional extra leading zeros, e.g. `'-007.50'` (a valid, non-canonical input). */
function spell(units: bigint, scale: number, leadingZeros: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = '0'.repeat(leadingZeros) + digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative ? '-' : '') + int + frac;
}

/** Decimal strings of scale 0–6 and up to 24 integer digits (≈ 2^80), now and then with leading zeros. */
export const decimalText: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.oneof(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: -1000n, max: 1000n })),
    fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  )
  .map(([scale, units, zeros]) => spell(units, scale, zeros));

/** Money as PostgreSQL prints NUMERIC(14,2), and VND-sized amounts: non-negative, scale 2. */
export const moneyText: fc.Arbitrary<string> = fc
  .bigInt({ min: 0n, max: 99_999_999_999_999n })
  .map((units) => spell(units, 2, 0));

/** Exact reference sum of decimal strings at the largest scale. */
export function refSum(texts: readonly string[]): RefDecimal {
  const ds = texts.map(refParse);
  const scale = Math.max(0, ...ds.map((d) => d.scale));
  return { units: ds.reduce((s, d) => s + refAt(d, scale), 0n), scale };
}
