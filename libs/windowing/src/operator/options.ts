import type { WindowAssigner } from '../assigners/window-assigner.js';
import type { Clock } from '../clock.js';
import type { AggregateFunction, ProcessWindowFunction, ReduceFunction } from '../functions/window-function.js';
import type { TriggerSpec } from '../triggers/trigger-spec.js';
import type { WatermarkStrategy } from '../watermarks/watermark-strategy.js';
import type { Key, LateElement, WindowResult, WindowRetraction } from './results.js';

/**
 * `updates` (default, Flink's behaviour): every trigger firing emits a result, an upsert of
 * `(key, window)` when the trigger accumulates (a delta when it purges). `final`: exactly one result per
 * `(key, window)` when it can no longer change, i.e. when the watermark reaches `end − 1 + allowedLateness`
 * (like Kafka Streams' `suppress(untilWindowCloses)`); triggers then only matter for state, and purging
 * triggers or global windows are rejected.
 *
 * @example
 * const mode: EmitMode = 'final';
 */
export type EmitMode = 'updates' | 'final';

/**
 * Options shared by every window function.
 *
 * @example
 * const base: BaseOperatorOptions<string, number, number> = { assigner: tumbling({ size: 60_000 }), allowedLateness: 5000 };
 */
export interface BaseOperatorOptions<K extends Key, V, R> {
  readonly assigner: WindowAssigner<V>;
  /** Default: `{ type: 'event-time' }` (for global windows it fires only at watermark `MAX_TIMESTAMP`). */
  readonly trigger?: TriggerSpec;
  /** Ms after `end − 1` during which late elements still update a window. Default 0. */
  readonly allowedLateness?: number;
  readonly emit?: EmitMode;
  /** Derive watermarks from elements per partition. Without it, only `onWatermark` moves event time. */
  readonly watermarks?: WatermarkStrategy<V>;
  /** Processing time for early firings and idleness. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Receives results; without it they are buffered for `drain()`. */
  readonly onResult?: (result: WindowResult<K, R>) => void;
  /** Late-data side output. Without it, late elements are dropped and counted, unless `lateOutput` buffers them. */
  readonly onLate?: (element: LateElement<K, V>) => void;
  /** Buffer late elements for `drain()` when no `onLate` is given. Default false. */
  readonly lateOutput?: boolean;
  /** Session merges in `updates` mode; without it retractions are buffered for `drain()`. */
  readonly onRetract?: (retraction: WindowRetraction<K>) => void;
}

/**
 * Operator options: the base plus exactly one of `aggregate`, `reduce` or `process`.
 *
 * @example
 * const o: WindowOperatorOptions<string, number, number> = { assigner: tumbling({ size: 1000 }), aggregate: sum() };
 */
export type WindowOperatorOptions<K extends Key, V, R> = BaseOperatorOptions<K, V, R> &
  (
    | { readonly aggregate: AggregateFunction<V, any, R>; readonly reduce?: undefined; readonly process?: undefined } // eslint-disable-line @typescript-eslint/no-explicit-any
    | { readonly reduce: ReduceFunction<V>; readonly aggregate?: undefined; readonly process?: undefined }
    | { readonly process: ProcessWindowFunction<K, V, R>; readonly aggregate?: undefined; readonly reduce?: undefined }
  );
