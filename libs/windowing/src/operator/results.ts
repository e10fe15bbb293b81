import type { Window } from '../window.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';

/**
 * Keys are strings or numbers (JSON-safe, usable as `Map` keys).
 *
 * @example
 * const k: Key = 'customer-42';
 */
export type Key = string | number;

/**
 * Why a result was emitted (Beam's pane timing):
 * `early` – before the watermark reached `window.end − 1` (early/count triggers);
 * `on-time` – the event-time firing when the watermark reached `window.end − 1`;
 * `late` – a late firing for an element that arrived within the allowed lateness;
 * `final` – the single result of `emit: 'final'`, at `end − 1 + allowedLateness`.
 *
 * @example
 * const t: FiringTiming = 'on-time';
 */
export type FiringTiming = 'early' | 'on-time' | 'late' | 'final';

/**
 * One window result. Its upsert key is `(key, window.start, window.end)`; `timestamp` is `window.end − 1`
 * (Flink's `window.maxTimestamp()`); `pane` counts the firings of that (key, window) from 0.
 *
 * @example
 * const r: WindowResult<string, number> = {
 *   key: 'c1', window: { start: 0, end: 60_000 }, value: 3, timestamp: 59_999, timing: 'on-time', pane: 0,
 * };
 */
export interface WindowResult<K, R> {
  readonly key: K;
  readonly window: Window;
  readonly value: R;
  readonly timestamp: number;
  readonly timing: FiringTiming;
  readonly pane: number;
}

/**
 * An element that arrived after every window it belongs to was closed (the late-data side output).
 *
 * @example
 * const late: LateElement<string, number> = { key: 'c1', value: 1, timestamp: 1998, partition: 0 };
 */
export interface LateElement<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly partition: PartitionId;
}

/**
 * In `updates` mode, a session window that already emitted results was merged into a larger one: its upsert key
 * is gone, so downstream should delete the row `(key, window)`.
 *
 * @example
 * const gone: WindowRetraction<string> = { key: 'c1', window: { start: 11_600, end: 14_600 }, timestamp: 14_599 };
 */
export interface WindowRetraction<K> {
  readonly key: K;
  readonly window: Window;
  readonly timestamp: number;
}

/**
 * Everything buffered since the last `drain()` (when no callbacks were given).
 *
 * @example
 * const { results, late, retractions } = operator.drain();
 */
export interface DrainedOutput<K, V, R> {
  results: WindowResult<K, R>[];
  late: LateElement<K, V>[];
  retractions: WindowRetraction<K>[];
}

/**
 * What the operator holds right now (observable state size).
 *
 * @example
 * const { panes, windows, eventTimers } = operator.stateSize();
 */
export interface StateSize {
  /** Distinct (key, window) panes. */
  readonly panes: number;
  /** Distinct windows (non-merging assigners) or keys with open sessions. */
  readonly windows: number;
  /** Elements buffered by a process-window function (0 for aggregate/reduce). */
  readonly elements: number;
  readonly eventTimers: number;
  readonly processingTimers: number;
}

/**
 * Counters since creation (kept in snapshots).
 *
 * @example
 * operator.metrics.lateDropped; // late elements without a side output
 */
export interface OperatorMetrics {
  elements: number;
  results: number;
  /** Late elements sent to the side output. */
  lateSideOutput: number;
  /** Late elements dropped (no side output configured). */
  lateDropped: number;
  /** On-time elements in no window (sliding windows with `slide > size`: the gaps), dropped as in Flink. */
  unassigned: number;
}
