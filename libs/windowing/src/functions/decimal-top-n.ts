import { WindowingError } from '../errors.js';
import { describe } from '../time.js';
import { decimalScale, decimalUnits, formatDecimal, pow10 } from './decimal.js';
import type { DecimalSelector } from './decimal-sum.js';
import { assertItemKey, snapshotArray, type ItemKey } from './item-key.js';
import { assertTopN, rankTop, type RankedItem } from './top-n.js';
import type { AggregateFunction } from './window-function.js';

/**
 * Accumulator of {@link decimalTopN}: every item's exact total as an unscaled bigint at the largest scale seen.
 * Updated in place; snapshots hold `[item, '12.30']` pairs.
 *
 * @example
 * const acc: DecimalTopNState = { scale: 2, totals: new Map([['p-1', 12990n]]) };
 */
export interface DecimalTopNState {
  scale: number;
  readonly totals: Map<ItemKey, bigint>;
}

/**
 * Options of {@link decimalTopN}: how many items, which item an element counts for, and its decimal score (a
 * line's revenue).
 *
 * @example
 * const options: DecimalTopNOptions<{ product: string; total: string }> = { n: 10, item: (l) => l.product, score: (l) => l.total };
 */
export interface DecimalTopNOptions<V> {
  readonly n: number;
  readonly item: (value: V) => ItemKey;
  readonly score: DecimalSelector<V>;
}

/** Brings every total of `acc` to `scale` (≥ acc.scale), in place. */
function raise(acc: DecimalTopNState, scale: number): void {
  if (scale <= acc.scale) return;
  const f = pow10(scale - acc.scale);
  for (const [key, total] of acc.totals) acc.totals.set(key, total * f);
  acc.scale = scale;
}

/** Adds `units` at `scale` (≤ acc.scale after {@link raise}) to the total of `key`. */
function addTo(acc: DecimalTopNState, key: ItemKey, units: bigint, scale: number): void {
  raise(acc, scale);
  const scaled = scale === acc.scale ? units : units * pow10(acc.scale - scale);
  const totals = acc.totals;
  const total = totals.get(key);
  totals.set(key, total === undefined ? scaled : total + scaled);
}

const byBigint = (a: bigint, b: bigint): number => (a > b ? 1 : a < b ? -1 : 0);

/**
 * Top `n` items by an exact decimal score summed per item (revenue per product): scores are decimal strings
 * (`INVALID_DECIMAL` otherwise), compared as bigints, and come out as canonical decimal strings at the largest
 * scale seen. Otherwise as {@link topN}: per-item totals in a `Map`, exact merges (sliced sliding windows,
 * second phase over partial totals), ties broken by item.
 *
 * @example
 * const topRevenue = decimalTopN({ n: 10, item: (line: { product: string; total: string }) => line.product, score: (line) => line.total });
 * const op = createWindowOperator({ assigner: tumbling({ size: 3_600_000 }), aggregate: topRevenue });
 */
export function decimalTopN<V>(options: DecimalTopNOptions<V>): AggregateFunction<V, DecimalTopNState, RankedItem<string>[]> {
  const what = 'decimalTopN';
  const n = assertTopN(options.n, what);
  const { item, score } = options;
  if (typeof score !== 'function') throw new WindowingError('INVALID_CONFIG', `${what} needs a score selector, got ${describe(score)}`);
  return {
    create: () => ({ scale: 0, totals: new Map() }),
    add: (acc, value) => {
      const key = assertItemKey(item(value), `${what} item`);
      const text = score(value);
      const scale = decimalScale(text, `${what} score`);
      addTo(acc, key, decimalUnits(text, scale), scale);
      return acc;
    },
    merge: (a, b) => {
      for (const [key, total] of b.totals) addTo(a, key, total, b.scale);
      return a;
    },
    result: (acc) => rankTop(acc.totals, n, byBigint, (total) => formatDecimal(total, acc.scale)),
    commutative: true,
    validate: (value) => {
      assertItemKey(item(value), `${what} item`);
      decimalScale(score(value), `${what} score`);
    },
    toJSON: (acc) => [...acc.totals].map(([key, total]) => [key, formatDecimal(total, acc.scale)]),
    fromJSON: (json) => {
      const acc: DecimalTopNState = { scale: 0, totals: new Map() };
      for (const entry of snapshotArray(json, what)) {
        const [key, total] = Array.isArray(entry) ? entry : [];
        const k = assertItemKey(key, `${what} snapshot item`, 'INVALID_SNAPSHOT');
        const scale = decimalScale(total, `${what} snapshot total`, 'INVALID_SNAPSHOT');
        addTo(acc, k, decimalUnits(total as string, scale), scale);
      }
      return acc;
    },
  };
}
