import type { AggregateFunction } from './window-function.js';

/**
 * Sums numeric values. For money (decimal strings such as `'129.90'`) use the exact {@link decimalSum}.
 *
 * @example
 * createWindowOperator({ assigner: tumbling({ size: 60_000 }), aggregate: sum() });
 */
export function sum(): AggregateFunction<number, number, number> {
  return { create: () => 0, add: (a, v) => a + v, merge: (a, b) => a + b, result: (a) => a, commutative: true };
}

/**
 * Sums a numeric field of each element.
 *
 * @example
 * sumBy((o: { cents: number }) => o.cents);
 */
export function sumBy<V>(select: (value: V) => number): AggregateFunction<V, number, number> {
  return { create: () => 0, add: (a, v) => a + select(v), merge: (a, b) => a + b, result: (a) => a, commutative: true };
}

/**
 * Counts elements.
 *
 * @example
 * createWindowOperator({ assigner: sliding({ size: 300_000, slide: 60_000 }), aggregate: count() });
 */
export function count(): AggregateFunction<unknown, number, number> {
  return { create: () => 0, add: (a) => a + 1, merge: (a, b) => a + b, result: (a) => a, commutative: true };
}
