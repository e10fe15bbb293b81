import { WindowingError } from '../errors.js';
import { assertInteger, describe } from '../time.js';
import { assertItemKey, compareItems, snapshotArray, type ItemKey } from './item-key.js';
import type { AggregateFunction } from './window-function.js';

/**
 * One row of a top-N result: `rank` 1…n, the item and its total score. Ranks are positions: items with equal
 * scores get consecutive ranks in {@link compareItems} order (numbers ascending, then strings by code units).
 *
 * @example
 * const row: RankedItem<number> = { rank: 1, item: 'p-42', score: 17 };
 */
export interface RankedItem<S> {
  readonly rank: number;
  readonly item: ItemKey;
  readonly score: S;
}

/**
 * Options of {@link topN}: how many items to return, which item an element counts for, and its integer weight
 * (a quantity; default 1, i.e. count elements).
 *
 * @example
 * const options: TopNOptions<{ product: string; quantity: number }> = { n: 10, item: (l) => l.product, score: (l) => l.quantity };
 */
export interface TopNOptions<V> {
  readonly n: number;
  readonly item: (value: V) => ItemKey;
  readonly score?: (value: V) => number;
}

/**
 * The `n` best items of `totals`, by descending score (`compare` > 0: first is better), ties by
 * {@link compareItems}. O(items · n) worst case, O(items) when most items miss the top.
 *
 * @example
 * rankTop(new Map([['a', 1], ['b', 3]]), 1, (x, y) => x - y, (t) => t); // [{ rank: 1, item: 'b', score: 3 }]
 */
export function rankTop<T, S>(
  totals: ReadonlyMap<ItemKey, T>,
  n: number,
  compare: (a: T, b: T) => number,
  format: (total: T) => S,
): RankedItem<S>[] {
  const items: ItemKey[] = [];
  const scores: T[] = [];
  const beats = (item: ItemKey, total: T, j: number): boolean => {
    const c = compare(total, scores[j]);
    return c > 0 || (c === 0 && compareItems(item, items[j]) < 0);
  };
  for (const [item, total] of totals) {
    if (items.length === n && !beats(item, total, n - 1)) continue;
    let j = items.length < n ? items.length : n - 1;
    while (j > 0 && beats(item, total, j - 1)) {
      items[j] = items[j - 1];
      scores[j] = scores[j - 1];
      j--;
    }
    items[j] = item;
    scores[j] = total;
  }
  return items.map((item, i) => ({ rank: i + 1, item, score: format(scores[i]) }));
}

/**
 * Throws `INVALID_CONFIG` unless `n` is an integer ≥ 1.
 *
 * @example
 * assertTopN(10, 'topN'); // 10
 */
export function assertTopN(n: unknown, what: string): number {
  return assertInteger(n, `${what} n`, 'INVALID_CONFIG', 1);
}

const byNumber = (a: number, b: number): number => a - b;
const same = (total: number): number => total;
const one = (): number => 1;

function weightOf(w: unknown, what: string): number {
  if (typeof w === 'number' && Number.isSafeInteger(w)) return w;
  throw new WindowingError('INVALID_SCORE', `${what}: score must be a safe integer (a count or quantity), got ${describe(w)}`);
}

function checkedTotal(total: number, item: ItemKey, what: string): number {
  if (Number.isSafeInteger(total)) return total;
  throw new WindowingError('INVALID_SCORE', `${what}: total of item ${describe(item)} is beyond 2^53 − 1`);
}

/**
 * Top `n` items by an integer score summed per item (units sold per product, orders per customer), exact:
 * weights are safe integers (`INVALID_SCORE` otherwise, or when a total would pass 2^53 − 1), items strings or
 * finite numbers (`INVALID_KEY`). The accumulator holds every item's total (a `Map`, so memory grows with the
 * distinct items of a (key, window)); `merge` adds totals, so it is exact on sliced sliding windows and as a
 * second phase over partial totals (feed `{ item, score }` results back in). The result is sorted by
 * descending score with the tie-break of {@link RankedItem}, whatever the arrival order. Snapshots hold
 * `[item, total]` pairs.
 *
 * @example
 * const bestSellers = topN({ n: 10, item: (line: { product: string; quantity: number }) => line.product, score: (line) => line.quantity });
 * const op = createWindowOperator({ assigner: sliding({ size: 300_000, slide: 60_000 }), aggregate: bestSellers });
 */
export function topN<V>(options: TopNOptions<V>): AggregateFunction<V, Map<ItemKey, number>, RankedItem<number>[]> {
  const what = 'topN';
  const n = assertTopN(options.n, what);
  const item = options.item;
  const score = options.score ?? one;
  return {
    create: () => new Map(),
    add: (acc, value) => {
      const key = assertItemKey(item(value), `${what} item`);
      const w = weightOf(score(value), what);
      return acc.set(key, checkedTotal((acc.get(key) ?? 0) + w, key, what));
    },
    merge: (a, b) => {
      for (const [key, total] of b) checkedTotal((a.get(key) ?? 0) + total, key, what); // check all, then change
      for (const [key, total] of b) a.set(key, (a.get(key) ?? 0) + total);
      return a;
    },
    result: (acc) => rankTop(acc, n, byNumber, same),
    commutative: true,
    validate: (value) => {
      assertItemKey(item(value), `${what} item`);
      weightOf(score(value), what);
    },
    toJSON: (acc) => [...acc],
    fromJSON: (json) => {
      const acc = new Map<ItemKey, number>();
      for (const entry of snapshotArray(json, what)) {
        const [key, total] = Array.isArray(entry) ? entry : [];
        const k = assertItemKey(key, `${what} snapshot item`, 'INVALID_SNAPSHOT');
        if (!Number.isSafeInteger(total)) throw new WindowingError('INVALID_SNAPSHOT', `${what} snapshot: bad total ${describe(total)}`);
        acc.set(k, total as number);
      }
      return acc;
    },
  };
}
