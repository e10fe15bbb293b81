import { WindowingError, type WindowingErrorCode } from '../errors.js';
import { describe } from '../time.js';

/**
 * What {@link countDistinct} counts and {@link topN} ranks: a string or a finite number (a product id, a
 * customer id). `1` and `'1'` are different items.
 *
 * @example
 * const product: ItemKey = 'p-42';
 */
export type ItemKey = string | number;

/**
 * Returns `value` when it is an {@link ItemKey}; otherwise throws `code` (`INVALID_KEY` by default) naming it and
 * `what` received it.
 *
 * @example
 * assertItemKey('p-42', 'topN item'); // 'p-42'
 * assertItemKey(undefined, 'topN item'); // throws WindowingError('INVALID_KEY')
 */
export function assertItemKey(value: unknown, what: string, code: WindowingErrorCode = 'INVALID_KEY'): ItemKey {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new WindowingError(code, `${what}: expected a string or finite number, got ${describe(value)}`);
}

/**
 * The tie-break order of items: numbers (ascending) before strings (by UTF-16 code units, as `<` compares them,
 * independent of locale).
 *
 * @example
 * [10, 'b', 2, 'a'].sort(compareItems); // [2, 10, 'a', 'b']
 */
export function compareItems(a: ItemKey, b: ItemKey): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

/**
 * Reads a snapshot list of items (or `[item, total]` pairs), throwing `INVALID_SNAPSHOT` unless it is an array.
 *
 * @example
 * snapshotArray(['c1', 'c2'], 'countDistinct'); // ['c1', 'c2']
 */
export function snapshotArray(json: unknown, what: string): unknown[] {
  if (!Array.isArray(json)) throw new WindowingError('INVALID_SNAPSHOT', `${what} snapshot must be an array, got ${describe(json)}`);
  return json;
}
