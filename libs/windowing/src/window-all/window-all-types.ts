import type { SlidingWindows } from '../assigners/sliding.js';
import type { TumblingWindows } from '../assigners/tumbling.js';
import type { AssignerDescription } from '../assigners/window-assigner.js';
import type { Clock } from '../clock.js';
import type { AggregateFunction } from '../functions/window-function.js';
import type { EmitMode } from '../operator/options.js';
import type { FiringTiming, Key, WindowResult } from '../operator/results.js';
import type { OperatorSnapshot } from '../operator/snapshot-format.js';
import type { StateCodec } from '../keyed/state-descriptors.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import type { Window } from '../window.js';

/**
 * One upstream partial result as the window-all stage's aggregate sees it: which input sent it, for which key,
 * and its value (the upstream `WindowResult.value`).
 *
 * @example
 * const p: WindowAllPartial<string, number> = { input: 0, key: 'p-42', value: 17 };
 */
export interface WindowAllPartial<K, P> {
  readonly input: PartitionId;
  readonly key: K;
  readonly value: P;
}

/**
 * One result per window over all keys and inputs. `timing` is `on-time` for the firing at the stage watermark,
 * `late` for a correction after it (a partial changed), `final` in `emit: 'final'` mode; `pane` counts the
 * firings of the window from 0. Upsert key: the window.
 *
 * @example
 * const r: WindowAllResult<string> = { window: { start: 0, end: 60_000 }, value: '1250.00', timestamp: 59_999, timing: 'on-time', pane: 0 };
 */
export interface WindowAllResult<R> {
  readonly window: Window;
  readonly value: R;
  readonly timestamp: number;
  readonly timing: FiringTiming;
  readonly pane: number;
}

/**
 * A window that already emitted lost every partial (all retracted): downstream should delete its row.
 *
 * @example
 * const gone: WindowAllRetraction = { window: { start: 0, end: 60_000 }, timestamp: 59_999 };
 */
export interface WindowAllRetraction {
  readonly window: Window;
  readonly timestamp: number;
}

/**
 * A partial (or retraction) that arrived after its window was cleaned up (the stage's late side output).
 *
 * @example
 * const late: LatePartial<string, number> = { input: 1, kind: 'result', key: 'p-1', window: { start: 0, end: 1000 }, value: 3 };
 */
export interface LatePartial<K, P> {
  readonly input: PartitionId;
  readonly kind: 'result' | 'retraction';
  readonly key: K;
  readonly window: Window;
  /** The partial value (undefined for a retraction). */
  readonly value: P | undefined;
}

/**
 * Options of {@link createWindowAllOperator}.
 *
 * @example
 * const options: WindowAllOptions<string, number, number, number> = {
 *   assigner: tumbling({ size: 60_000 }),
 *   inputs: [0, 1, 2],
 *   aggregate: sumBy((p: WindowAllPartial<string, number>) => p.value),
 * };
 */
export interface WindowAllOptions<K extends Key, P, A, R> {
  /** The windows of the upstream operators (partials must sit on this grid: `INVALID_CONFIG` otherwise). */
  readonly assigner: TumblingWindows | SlidingWindows;
  /**
   * The upstream inputs (operators, partitions), each with its own watermark; the stage's watermark is the minimum
   * over the non-idle ones, and waits for all of them.
   */
  readonly inputs: readonly PartitionId[];
  /**
   * Folds a window's current partials (one per (input, key), in first-arrival order) into its result: rebuilt from
   * `create()` at every firing, so any aggregate works (sums of partial sums, `topN` over per-key totals…).
   */
  readonly aggregate: AggregateFunction<WindowAllPartial<K, P>, A, R>;
  /** How long after `end − 1` partials may still change a window (at least the upstream's lateness). Default 0. */
  readonly allowedLateness?: number;
  /** `updates` (default): on-time result, then a correction per changed partial; `final`: one result at cleanup. */
  readonly emit?: EmitMode;
  /** Partial values through snapshots (default: the identity, for JSON values). */
  readonly partialCodec?: StateCodec<P>;
  /** Idleness: an input silent (no partial, no watermark) for more than this many ms of processing time is idle. */
  readonly idleTimeout?: number;
  /** Processing time for idleness. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Receives results; without it they are buffered for `drain()`. */
  readonly onResult?: (result: WindowAllResult<R>) => void;
  /** Windows that emitted and lost all partials; without it they are buffered for `drain()`. */
  readonly onRetract?: (retraction: WindowAllRetraction) => void;
  /** Late side output. Without it late partials are dropped and counted, unless `lateOutput` buffers them. */
  readonly onLate?: (late: LatePartial<K, P>) => void;
  readonly lateOutput?: boolean;
}

/**
 * The configuration a window-all snapshot was taken with.
 *
 * @example
 * const c: WindowAllConfig = {
 *   operator: 'window-all', assigner: { type: 'tumbling', size: 1000, offset: 0 }, inputs: [0, 1], allowedLateness: 0, emit: 'updates', idleTimeout: null,
 * };
 */
export interface WindowAllConfig {
  operator: 'window-all';
  assigner: AssignerDescription;
  inputs: PartitionId[];
  allowedLateness: number;
  emit: EmitMode;
  idleTimeout: number | null;
}

/**
 * A window in a window-all snapshot: `[start, end, firings, [[input, key, partialJson], …]]`, partials in
 * first-arrival order.
 *
 * @example
 * const w: WindowAllEntry = [0, 60_000, 1, [[0, 'p-1', 17], [1, 'p-1', 4]]];
 */
export type WindowAllEntry = [number, number, number, [PartitionId, Key, unknown][]];

/**
 * Counters of a window-all stage (kept in snapshots).
 *
 * @example
 * const m: WindowAllMetrics = { partials: 3, retractions: 0, results: 1, retracted: 0, lateSideOutput: 0, lateDropped: 0 };
 */
export interface WindowAllMetrics {
  /** Partial results received. */
  partials: number;
  /** Upstream retractions received. */
  retractions: number;
  /** Results emitted. */
  results: number;
  /** Window retractions emitted. */
  retracted: number;
  lateSideOutput: number;
  lateDropped: number;
}

/**
 * A window-all snapshot: the `ecom-windowing/1` envelope with one {@link WindowAllEntry} per open window in
 * `panes`; timers are rebuilt from the windows (`eventTimers` empty); `watermarks` holds the per-input watermarks.
 *
 * @example
 * const stage = createWindowAllOperator({ assigner: tumbling({ size: 1000 }), inputs: [0], aggregate: count() });
 * const bytes = JSON.stringify(stage.snapshot());
 * stage.restore(JSON.parse(bytes) as WindowAllSnapshot);
 */
export type WindowAllSnapshot = OperatorSnapshot<WindowAllConfig, WindowAllEntry, WindowAllMetrics>;

/**
 * Everything buffered since the last `drain()`.
 *
 * @example
 * const stage = createWindowAllOperator<string, number, number, number>({ assigner: tumbling({ size: 1000 }), inputs: [0], aggregate: count() });
 * const { results, retractions, late }: WindowAllDrained<string, number, number> = stage.drain();
 */
export interface WindowAllDrained<K, P, R> {
  results: WindowAllResult<R>[];
  retractions: WindowAllRetraction[];
  late: LatePartial<K, P>[];
}

/**
 * An upstream result as the stage receives it (the window operator's {@link WindowResult}).
 *
 * @example
 * const partial: UpstreamResult<string, number> = { key: 'p-1', window: { start: 0, end: 1000 }, value: 3 };
 */
export type UpstreamResult<K, P> = Pick<WindowResult<K, P>, 'key' | 'window' | 'value'>;
