import type { Clock } from '../clock.js';
import type { Key } from '../operator/results.js';
import type { OperatorSnapshot, SnapshotConfig } from '../operator/snapshot-format.js';
import type { WatermarkStrategy } from '../watermarks/watermark-strategy.js';
import type { KeyedStateEntry } from './keyed-state.js';
import type { StateDescriptor, StateDescriptors, StateViews } from './state-descriptors.js';

/**
 * Names a side output and its element type (Flink's `OutputTag`).
 *
 * @example
 * const suspicious: OutputTag<{ orderId: string }> = outputTag('suspicious');
 */
export interface OutputTag<T> {
  readonly id: string;
  /** Type marker only (never set). */
  readonly type?: T;
}

/**
 * A side output tag with id `id`.
 *
 * @example
 * const audit = outputTag<string>('audit');
 */
export function outputTag<T>(id: string): OutputTag<T> {
  return { id };
}

/**
 * Flink's `TimerService`, for the current key: event-time timers fire when the watermark reaches their time,
 * processing-time timers when `advance()` sees the clock reach it. Timers are deduplicated per (key, time) and
 * fire in time order (same time: registration order). A timer at or before the current watermark fires with the
 * next watermark advance; one registered by `onTimer` at or before the watermark being processed fires in the
 * same advance.
 *
 * @example
 * function remindInTenMinutes(timers: KeyedTimerService, timestamp: number): void {
 *   timers.registerEventTimeTimer(timestamp + 600_000);
 * }
 */
export interface KeyedTimerService {
  currentWatermark(): number;
  currentProcessingTime(): number;
  registerEventTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

/**
 * What `processElement` sees (Flink's `KeyedProcessFunction.Context`). Valid only during the call.
 *
 * @example
 * function onOrder(amount: number, ctx: KeyedProcessContext<string, string, { total: ValueStateDescriptor<number> }>): void {
 *   const total = (ctx.state.total.value() ?? 0) + amount;
 *   ctx.state.total.update(total);
 *   if (total > 100_000) ctx.output(`${ctx.currentKey} spent ${total} by ${ctx.timestamp}`);
 * }
 */
export interface KeyedProcessContext<K, O, S extends StateDescriptors> {
  /** The key of the element (or timer) being processed. */
  readonly currentKey: K;
  /** The element's event timestamp (in `onTimer`: the timer's time). */
  readonly timestamp: number;
  /** The operator's event-time watermark. */
  readonly watermark: number;
  /** State handles bound to the current key. */
  readonly state: StateViews<S>;
  readonly timerService: KeyedTimerService;
  /** Emits `value` on the main output, with `timestamp` (default: `ctx.timestamp`). */
  output(value: O, timestamp?: number): void;
  /** Emits `value` on the side output `tag`, with `timestamp` (default: `ctx.timestamp`). */
  sideOutput<T>(tag: OutputTag<T>, value: T, timestamp?: number): void;
}

/**
 * Which clock a timer belongs to.
 *
 * @example
 * const d: TimeDomain = 'event-time';
 */
export type TimeDomain = 'event-time' | 'processing-time';

/**
 * What `onTimer` sees (Flink's `OnTimerContext`): `timestamp` is the timer's time (processing time for
 * processing-time timers, as in Flink).
 *
 * @example
 * function expire(ctx: OnTimerContext<string, string, { last: ValueStateDescriptor<number> }>): void {
 *   if (ctx.timeDomain === 'event-time') ctx.state.last.clear();
 * }
 */
export interface OnTimerContext<K, O, S extends StateDescriptors> extends KeyedProcessContext<K, O, S> {
  readonly timeDomain: TimeDomain;
}

/**
 * One main-output record of a keyed process operator.
 *
 * @example
 * const alert: KeyedOutput<string, string> = { key: 'c1', value: 'small then large order', timestamp: 1_700_000_000_000 };
 */
export interface KeyedOutput<K, O> {
  readonly key: K;
  readonly value: O;
  readonly timestamp: number;
}

/**
 * One side-output record (`tag` is the {@link OutputTag} id).
 *
 * @example
 * const s: KeyedSideOutput<string> = { tag: 'audit', key: 'c1', value: 'checked', timestamp: 5 };
 */
export interface KeyedSideOutput<K> {
  readonly tag: string;
  readonly key: K;
  readonly value: unknown;
  readonly timestamp: number;
}

/**
 * Counters of a keyed process operator (kept in snapshots).
 *
 * @example
 * const op = createKeyedProcessOperator<string, number, number>({ processElement: (v, ctx) => ctx.output(v) });
 * op.onElement('c1', 5, 1000);
 * const m: KeyedProcessMetrics = op.metrics; // { elements: 1, outputs: 1, … }
 */
export interface KeyedProcessMetrics {
  elements: number;
  /** Elements at or behind the watermark when they arrived (processed all the same, as in Flink). */
  lateElements: number;
  outputs: number;
  sideOutputs: number;
  eventTimersFired: number;
  processingTimersFired: number;
}

/**
 * Options of {@link createKeyedProcessOperator}.
 *
 * @example
 * const state = { count: valueState<number>() };
 * const options: KeyedProcessOptions<string, number, string, typeof state> = {
 *   state,
 *   processElement: (_value, ctx) => ctx.state.count.update((ctx.state.count.value() ?? 0) + 1),
 * };
 */
export interface KeyedProcessOptions<K extends Key, V, O, S extends StateDescriptors> {
  /** The named keyed state (state name → `valueState()`, `mapState()`, `listState()`). Default: none. */
  readonly state?: S;
  /** Called for every element, with its key bound. */
  readonly processElement: (value: V, ctx: KeyedProcessContext<K, O, S>) => void;
  /** Called when a timer of a key fires. Required when timers are used. */
  readonly onTimer?: (timestamp: number, ctx: OnTimerContext<K, O, S>) => void;
  /** Derive watermarks from elements per partition (as the window operator). Without it, only `onWatermark`. */
  readonly watermarks?: WatermarkStrategy<V>;
  /** Processing time for processing-time timers and idleness. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Main output; without it, records are buffered for `drain()`. */
  readonly onOutput?: (output: KeyedOutput<K, O>) => void;
  /** Side outputs; without it, records are buffered for `drain()`. */
  readonly onSideOutput?: (output: KeyedSideOutput<K>) => void;
  /** A name kept in the snapshot config (e.g. `'fraud/small-then-large/v1'`), so snapshots of another function are refused. */
  readonly name?: string;
}

/**
 * The configuration a keyed process snapshot was taken with: the operator type, optional name, state layout and
 * watermark strategy.
 *
 * @example
 * const c: KeyedProcessConfig = { operator: 'keyed-process', state: { count: 'value' }, watermarks: null };
 */
export interface KeyedProcessConfig {
  operator: 'keyed-process';
  name?: string;
  state: Record<string, StateDescriptor['kind']>;
  watermarks: SnapshotConfig['watermarks'];
}

/**
 * A keyed process snapshot: the `ecom-windowing/1` envelope with one {@link KeyedStateEntry} per key in `panes`
 * (keys with timers but no state have `{}`) and timers as `[time, entryIndexes]` in firing order.
 *
 * @example
 * const op = createKeyedProcessOperator<string, number, number>({ state: { n: valueState<number>() }, processElement: () => undefined });
 * const bytes = JSON.stringify(op.snapshot());
 * op.restore(JSON.parse(bytes) as KeyedProcessSnapshot);
 */
export type KeyedProcessSnapshot = OperatorSnapshot<KeyedProcessConfig, KeyedStateEntry, KeyedProcessMetrics>;

/**
 * Everything buffered since the last `drain()` (only outputs without a callback are buffered).
 *
 * @example
 * const op = createKeyedProcessOperator<string, number, number>({ processElement: (v, ctx) => ctx.output(v) });
 * op.onElement('c1', 5, 1000);
 * const { outputs, sideOutputs }: KeyedDrainedOutput<string, number> = op.drain();
 */
export interface KeyedDrainedOutput<K, O> {
  outputs: KeyedOutput<K, O>[];
  sideOutputs: KeyedSideOutput<K>[];
}

/**
 * What a keyed process operator holds right now.
 *
 * @example
 * const op = createKeyedProcessOperator<string, number, number>({ processElement: () => undefined });
 * const { keys, values, eventTimers }: KeyedStateSize = op.stateSize();
 */
export interface KeyedStateSize {
  /** Keys with state or timers. */
  readonly keys: number;
  /** Value states, map entries and list elements over all keys. */
  readonly values: number;
  readonly eventTimers: number;
  readonly processingTimers: number;
}
