import { MAX_TIMESTAMP } from '../time.js';
import type { BaseOperatorOptions, WindowOperatorOptions } from '../operator/options.js';
import type { Key, LateElement, WindowResult, WindowRetraction } from '../operator/results.js';
import { WindowOperator } from '../operator/window-operator.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';

/**
 * One input of {@link windowStream}: an element, an explicit watermark, or a processing-time tick
 * (`operator.advance()`).
 *
 * @example
 * const inputs: StreamInput<string, number>[] = [
 *   { type: 'element', key: 'c1', value: 5, timestamp: 1000 },
 *   { type: 'watermark', watermark: 2999 },
 * ];
 */
export type StreamInput<K, V> =
  | { readonly type: 'element'; readonly key: K; readonly value: V; readonly timestamp: number; readonly partition?: PartitionId }
  | { readonly type: 'watermark'; readonly watermark: number }
  | { readonly type: 'tick' };

/**
 * One output of {@link windowStream}.
 *
 * @example
 * for await (const out of windowStream(source, options)) if (out.type === 'result') console.log(out.result.value);
 */
export type StreamOutput<K, V, R> =
  | { readonly type: 'result'; readonly result: WindowResult<K, R> }
  | { readonly type: 'late'; readonly element: LateElement<K, V> }
  | { readonly type: 'retract'; readonly retraction: WindowRetraction<K> };

/**
 * Operator options for {@link windowStream} (outputs are yielded, so no callbacks), plus `flushAtEnd`.
 *
 * @example
 * const o: WindowStreamOptions<string, number, number> = { assigner: tumbling({ size: 1000 }), aggregate: sum(), flushAtEnd: true };
 */
export type WindowStreamOptions<K extends Key, V, R> = Omit<
  WindowOperatorOptions<K, V, R>,
  'onResult' | 'onLate' | 'onRetract' | 'lateOutput'
> & {
  /** At the end of the source, advance the watermark to MAX_TIMESTAMP (closing every window). Default true. */
  readonly flushAtEnd?: boolean;
};

/**
 * Async-iterable adapter around the synchronous operator: consumes inputs, yields results, late elements and
 * retractions in the order the operator produced them.
 *
 * @example
 * async function* orders() {
 *   yield { type: 'element', key: 'c1', value: 10, timestamp: 0 } as const;
 *   yield { type: 'element', key: 'c1', value: 5, timestamp: 999 } as const;
 * }
 * for await (const out of windowStream(orders(), { assigner: tumbling({ size: 1000 }), aggregate: sum() })) {
 *   console.log(out); // { type: 'result', result: { key: 'c1', value: 15, … } }
 * }
 */
export async function* windowStream<K extends Key, V, R>(
  source: AsyncIterable<StreamInput<K, V>> | Iterable<StreamInput<K, V>>,
  options: WindowStreamOptions<K, V, R>,
): AsyncGenerator<StreamOutput<K, V, R>, void, undefined> {
  const pending: StreamOutput<K, V, R>[] = [];
  const callbacks: Pick<BaseOperatorOptions<K, V, R>, 'onResult' | 'onLate' | 'onRetract'> = {
    onResult: (result) => pending.push({ type: 'result', result }),
    onLate: (element) => pending.push({ type: 'late', element }),
    onRetract: (retraction) => pending.push({ type: 'retract', retraction }),
  };
  const { flushAtEnd = true, ...rest } = options;
  const op = new WindowOperator<K, V, R>({ ...rest, ...callbacks } as WindowOperatorOptions<K, V, R>);
  for await (const input of source) {
    if (input.type === 'element') op.onElement(input.key, input.value, input.timestamp, input.partition);
    else if (input.type === 'watermark') op.onWatermark(input.watermark);
    else op.advance();
    while (pending.length) yield pending.shift()!;
  }
  if (flushAtEnd) op.onWatermark(MAX_TIMESTAMP);
  while (pending.length) yield pending.shift()!;
}
