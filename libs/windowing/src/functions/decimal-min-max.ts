import { decimalScale, decimalUnits, formatDecimal, pow10 } from './decimal.js';
import { valueAsText, type DecimalSelector } from './decimal-sum.js';
import type { AggregateFunction } from './window-function.js';

/**
 * Accumulator of {@link decimalMin} / {@link decimalMax}: the extreme so far (`undefined` before the first
 * element) as an unscaled bigint at the largest scale seen. Updated in place; snapshots hold it as a decimal
 * string, or `null` when empty.
 *
 * @example
 * const acc: DecimalExtremeState = { best: -50n, scale: 2 }; // '-0.50'
 */
export interface DecimalExtremeState {
  best: bigint | undefined;
  scale: number;
}

/** Keeps `units` at `scale` in `acc` when it beats the current extreme (`sign` 1: larger wins; −1: smaller). */
function offer(acc: DecimalExtremeState, units: bigint, scale: number, sign: 1 | -1): void {
  if (scale > acc.scale) {
    if (acc.best !== undefined) acc.best *= pow10(scale - acc.scale);
    acc.scale = scale;
  } else if (scale < acc.scale) {
    units *= pow10(acc.scale - scale);
  }
  const best = acc.best;
  if (best === undefined || (sign > 0 ? units > best : units < best)) acc.best = units;
}

function extreme<V>(what: string, sign: 1 | -1, select: DecimalSelector<V>): AggregateFunction<V, DecimalExtremeState, string | null> {
  return {
    create: () => ({ best: undefined, scale: 0 }),
    add: (acc, value) => {
      const text = select(value);
      const scale = decimalScale(text, what);
      offer(acc, decimalUnits(text, scale), scale, sign);
      return acc;
    },
    merge: (a, b) => {
      if (b.best !== undefined) offer(a, b.best, b.scale, sign);
      return a;
    },
    result: (acc) => (acc.best === undefined ? null : formatDecimal(acc.best, acc.scale)),
    commutative: true,
    validate: (value) => void decimalScale(select(value), what),
    toJSON: (acc) => (acc.best === undefined ? null : formatDecimal(acc.best, acc.scale)),
    fromJSON: (json) => {
      if (json === null) return { best: undefined, scale: 0 };
      const scale = decimalScale(json, `${what} snapshot`, 'INVALID_SNAPSHOT');
      return { best: decimalUnits(json as string, scale), scale };
    },
  };
}

/**
 * Exact minimum of decimal strings, compared as numbers (`'-0.50' < '0.1' < '2'`), as a canonical decimal string
 * at the largest scale seen (`min('1.5', '2.25')` → `'1.50'`), or `null` when nothing was added (never in a
 * window result). Pass a selector to take a field. Bad values throw `INVALID_DECIMAL` (see {@link decimalSum}).
 *
 * @example
 * const cheapest = decimalMin((order: { total: string }) => order.total);
 * const op = createWindowOperator({ assigner: tumbling({ size: 60_000 }), aggregate: decimalMin() });
 */
export function decimalMin(): AggregateFunction<string, DecimalExtremeState, string | null>;
export function decimalMin<V>(select: DecimalSelector<V>): AggregateFunction<V, DecimalExtremeState, string | null>;
export function decimalMin<V>(select: DecimalSelector<V> = valueAsText): AggregateFunction<V, DecimalExtremeState, string | null> {
  return extreme('decimalMin', -1, select);
}

/**
 * Exact maximum of decimal strings; otherwise as {@link decimalMin}.
 *
 * @example
 * const biggestOrder = decimalMax((order: { total: string }) => order.total);
 * const op = createWindowOperator({ assigner: sliding({ size: 300_000, slide: 60_000 }), aggregate: decimalMax() });
 */
export function decimalMax(): AggregateFunction<string, DecimalExtremeState, string | null>;
export function decimalMax<V>(select: DecimalSelector<V>): AggregateFunction<V, DecimalExtremeState, string | null>;
export function decimalMax<V>(select: DecimalSelector<V> = valueAsText): AggregateFunction<V, DecimalExtremeState, string | null> {
  return extreme('decimalMax', 1, select);
}
