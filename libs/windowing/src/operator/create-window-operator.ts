import type { AggregateFunction, ProcessWindowFunction, ReduceFunction } from '../functions/window-function.js';
import type { BaseOperatorOptions, WindowOperatorOptions } from './options.js';
import type { Key } from './results.js';
import { WindowOperator } from './window-operator.js';

/**
 * Builds a {@link WindowOperator}; the overloads infer the result type from `aggregate`, `reduce` or `process`.
 *
 * @example
 * const op = createWindowOperator<string, number, number, number>({
 *   assigner: sliding({ size: 300_000, slide: 60_000 }),
 *   aggregate: sum(),
 *   allowedLateness: 10_000,
 *   watermarks: { type: 'bounded', outOfOrderness: 2000 },
 *   onResult: (r) => console.log(r.key, r.window, r.value),
 * });
 * op.onElement('c1', 1250, 1_700_000_000_000);
 */
export function createWindowOperator<K extends Key, V, A, R>(
  options: BaseOperatorOptions<K, V, R> & { readonly aggregate: AggregateFunction<V, A, R> },
): WindowOperator<K, V, R>;
export function createWindowOperator<K extends Key, V>(
  options: BaseOperatorOptions<K, V, V> & { readonly reduce: ReduceFunction<V> },
): WindowOperator<K, V, V>;
export function createWindowOperator<K extends Key, V, R>(
  options: BaseOperatorOptions<K, V, R> & { readonly process: ProcessWindowFunction<K, V, R> },
): WindowOperator<K, V, R>;
export function createWindowOperator<K extends Key, V, R>(options: WindowOperatorOptions<K, V, R>): WindowOperator<K, V, R> {
  return new WindowOperator(options);
}
