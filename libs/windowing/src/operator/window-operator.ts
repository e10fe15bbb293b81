import type { WindowAssigner } from '../assigners/window-assigner.js';
import { systemClock, type Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import { aggregateOps, processOps, reduceOps, type PaneFunction } from '../functions/window-function.js';
import { MIN_TIMESTAMP, assertInteger, assertTimestamp, describe, saturatingAdd } from '../time.js';
import { createTrigger } from '../triggers/create-trigger.js';
import { PartitionWatermarks } from '../watermarks/partition-watermarks.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import type { Window } from '../window.js';
import { EventTimeSlices } from './event-time-slices.js';
import { EventTimeSlots } from './event-time-slots.js';
import type { EmitMode, WindowOperatorOptions } from './options.js';
import { PaneStore } from './pane-store.js';
import type {
  DrainedOutput,
  FiringTiming,
  Key,
  LateElement,
  OperatorMetrics,
  StateSize,
  WindowResult,
  WindowRetraction,
} from './results.js';
import {
  assertSameConfig,
  assertSnapshotShape,
  cloneJson,
  restoreMetrics,
  SNAPSHOT_FORMAT,
  watermarksConfig,
  type SnapshotConfig,
  type WindowOperatorSnapshot,
} from './snapshot-format.js';
import type { WindowEmit, WindowStore } from './window-store.js';

/**
 * The keyed event-time window operator (Flink's `WindowOperator`): a pure, synchronous state machine. Feed it
 * elements and watermarks; it calls `onResult` / `onLate` (or buffers for {@link WindowOperator.drain}).
 *
 * - windows are `[start, end)`; results carry `timestamp = end − 1`;
 * - a window is late (skipped) when `end − 1 + allowedLateness ≤ watermark`; an element goes to the side output
 *   when every window it belongs to was skipped;
 * - state of a window is dropped when the watermark reaches `end − 1 + allowedLateness`.
 *
 * @example
 * const op = createWindowOperator({ assigner: tumbling({ size: 3000 }), aggregate: sum() });
 * op.onElement('key1', 1, 20);
 * op.onElement('key1', 1, 999);
 * op.onWatermark(2999);
 * op.drain().results; // [{ key: 'key1', window: { start: 0, end: 3000 }, value: 2, timestamp: 2999, timing: 'on-time', pane: 0 }]
 */
export class WindowOperator<K extends Key, V, R> {
  /** The current event-time watermark ({@link MIN_TIMESTAMP} before any). Never decreases. */
  watermark = MIN_TIMESTAMP;
  /** Counters, kept across snapshot/restore. */
  readonly metrics: OperatorMetrics = { elements: 0, results: 0, lateSideOutput: 0, lateDropped: 0, unassigned: 0 };

  private readonly global: boolean;
  private readonly lateness: number;
  private readonly fn: PaneFunction<K, V, R>;
  private readonly clock: Clock;
  private readonly wms: PartitionWatermarks<V> | undefined;
  private readonly config: SnapshotConfig;
  /** The state layout, chosen once from the options (see {@link WindowStore}). */
  private readonly store: WindowStore<K, V>;

  private readonly onResult: (result: WindowResult<K, R>) => void;
  private readonly onLate: ((element: LateElement<K, V>) => void) | undefined;
  private readonly onRetract: (retraction: WindowRetraction<K>) => void;
  private results: WindowResult<K, R>[] = [];
  private late: LateElement<K, V>[] = [];
  private retractions: WindowRetraction<K>[] = [];

  constructor(options: WindowOperatorOptions<K, V, R>) {
    if (options === null || typeof options !== 'object') {
      throw new WindowingError('INVALID_CONFIG', `operator options must be an object, got ${describe(options)}`);
    }
    const assigner = options.assigner as WindowAssigner<V> | undefined;
    if (!assigner || typeof assigner.assign !== 'function' || !assigner.description) {
      throw new WindowingError('INVALID_CONFIG', 'options.assigner must come from tumbling(), sliding(), session() or globalWindows()');
    }
    const d = assigner.description;
    this.global = d.type === 'global';
    this.lateness = assertInteger(options.allowedLateness ?? 0, 'allowedLateness', 'INVALID_LATENESS', 0);
    const emit: EmitMode = options.emit ?? 'updates';
    if (emit !== 'updates' && emit !== 'final') {
      throw new WindowingError('INVALID_CONFIG', `emit must be "updates" or "final", got ${describe(emit)}`);
    }
    const emitFinal = emit === 'final';
    const trigger = createTrigger(options.trigger ?? { type: 'event-time' });
    if (emitFinal && (trigger.purging || this.global)) {
      throw new WindowingError('INVALID_CONFIG', 'emit "final" needs time windows and a non-purging trigger');
    }
    this.fn = paneFunction(options);
    this.clock = options.clock ?? systemClock;
    this.wms = options.watermarks ? new PartitionWatermarks(options.watermarks, this.clock) : undefined;
    this.onResult = options.onResult ?? ((r) => this.results.push(r));
    this.onLate = options.onLate ?? (options.lateOutput ? (e) => this.late.push(e) : undefined);
    this.onRetract = options.onRetract ?? ((r) => this.retractions.push(r));
    const spec = trigger.spec;
    const plainEventTime = spec.type === 'event-time' && spec.earlyEveryMs === undefined && spec.earlyEveryElements === undefined;
    const emitValue: WindowEmit<K> = (key, window, acc, timing, pane) => this.emitValue(key, window, acc, timing, pane);
    const slicing = plainEventTime && d.type === 'sliding' && d.size > d.slide && d.size % d.slide === 0 && this.fn.commutative;
    if (slicing) {
      this.store = new EventTimeSlices<K, V, R>(this.fn, d.size, d.slide, d.offset, this.lateness, emitFinal, emitValue);
    } else if (plainEventTime && (d.type === 'tumbling' || d.type === 'sliding')) {
      this.store = new EventTimeSlots<K, V, R>(this.fn, d, this.lateness, emitFinal, emitValue);
    } else {
      this.store = new PaneStore<K, V, R>({
        assigner,
        trigger,
        fn: this.fn,
        lateness: this.lateness,
        emitFinal,
        clock: this.clock,
        emit: emitValue,
        retract: (key, window) => this.onRetract({ key, window, timestamp: window.end - 1 }),
      });
    }
    this.config = {
      assigner: d,
      trigger: spec,
      allowedLateness: this.lateness,
      emit,
      function: this.fn.kind,
      watermarks: watermarksConfig(options.watermarks),
      ...(slicing ? { layout: 'slices' as const } : {}),
    };
  }

  // ───────────────────────────── inputs ─────────────────────────────

  /**
   * Processes one element. `partition` feeds the per-partition watermark generator (when configured).
   * Throws `INVALID_TIMESTAMP` / `INVALID_KEY`, or the aggregate's own error (e.g. `INVALID_DECIMAL` from its `validate`), on bad input, leaving the state and the counters untouched.
   */
  onElement(key: K, value: V, timestamp: number, partition: PartitionId = 0): void {
    if (!Number.isSafeInteger(timestamp)) assertTimestamp(timestamp);
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new WindowingError('INVALID_KEY', `key must be a string or number, got ${describe(key)}`);
    }
    // A value the aggregate refuses (a bad decimal…) throws here, before any window, pane or counter changes.
    if (this.fn.validate !== undefined) this.fn.validate(value);
    this.metrics.elements++;
    // Flink's WindowOperator: an element no window took goes to the side output only if it is late itself; an
    // on-time one can only be in a gap between sliding windows (slide > size) and is dropped, but counted.
    if (!this.store.add(key, value, timestamp, this.watermark) && !this.global) {
      if (saturatingAdd(timestamp, this.lateness) > this.watermark) this.metrics.unassigned++;
      else if (this.onLate) {
        this.metrics.lateSideOutput++;
        this.onLate({ key, value, timestamp, partition });
      } else {
        this.metrics.lateDropped++;
      }
    }
    if (this.wms !== undefined && this.wms.onEvent(partition, value, timestamp)) this.advanceWatermark(this.wms.combined);
  }

  /** Advances event time (ignored unless higher than the current watermark) and fires due timers. */
  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) {
      throw new WindowingError('INVALID_WATERMARK', `watermark must be a safe integer, got ${describe(watermark)}`);
    }
    this.advanceWatermark(watermark);
  }

  /**
   * Processing-time tick: fires processing-time timers due at `clock.now()` (early firings), then runs the
   * periodic watermark emission (idleness checks; `emit: 'periodic'` watermarks).
   */
  advance(): void {
    this.store.advanceProcessingTime(this.clock.now());
    if (this.wms !== undefined && this.wms.onPeriodicEmit()) this.advanceWatermark(this.wms.combined);
  }

  /** Marks a partition idle (excluded from the watermark minimum) until its next element. */
  markIdle(partition: PartitionId): void {
    if (this.wms === undefined) throw new WindowingError('INVALID_CONFIG', 'markIdle needs options.watermarks');
    if (this.wms.markIdle(partition)) this.advanceWatermark(this.wms.combined);
  }

  /** Whether every partition is idle (watermark held). */
  get idle(): boolean {
    return this.wms?.idle ?? false;
  }

  /** Returns and clears the buffered outputs (only those without a callback are buffered). */
  drain(): DrainedOutput<K, V, R> {
    const out = { results: this.results, late: this.late, retractions: this.retractions };
    this.results = [];
    this.late = [];
    this.retractions = [];
    return out;
  }

  /** Current state size. */
  stateSize(): StateSize {
    return this.store.stateSize();
  }

  private advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    this.store.advance(watermark);
  }

  private emitValue(key: K, window: Window, acc: unknown, timing: FiringTiming, pane: number): void {
    this.metrics.results++;
    this.onResult({ key, window, value: this.fn.result(acc, key, window), timestamp: window.end - 1, timing, pane });
  }

  // ───────────────────────── snapshot / restore ─────────────────────────

  /**
   * A JSON-safe copy of the whole state (windows, accumulators, trigger state, timers, watermarks, metrics).
   * Restoring it into an operator built with the same options continues with identical outputs.
   */
  snapshot(): WindowOperatorSnapshot {
    const { panes, eventTimers, processingTimers } = this.store.snapshot();
    return {
      format: SNAPSHOT_FORMAT,
      config: cloneJson(this.config),
      watermark: this.watermark,
      panes,
      eventTimers,
      processingTimers,
      watermarks: this.wms ? this.wms.snapshot() : null,
      metrics: { ...this.metrics },
    };
  }

  /**
   * Replaces this operator's state with a snapshot taken from an operator with the same configuration
   * (`SNAPSHOT_MISMATCH` otherwise; `INVALID_SNAPSHOT` for malformed input). Buffered outputs are kept.
   */
  restore(snapshot: WindowOperatorSnapshot): void {
    assertSnapshotShape(snapshot);
    assertSameConfig(snapshot, this.config, this.wms !== undefined);
    this.watermark = snapshot.watermark;
    restoreMetrics(this.metrics, snapshot.metrics);
    this.store.restore(snapshot, snapshot.watermark);
    if (this.wms && snapshot.watermarks) this.wms.restore(snapshot.watermarks);
  }
}

function paneFunction<K extends Key, V, R>(options: WindowOperatorOptions<K, V, R>): PaneFunction<K, V, R> {
  const fns = [options.aggregate, options.reduce, options.process].filter((f) => f !== undefined);
  if (fns.length !== 1) {
    throw new WindowingError('INVALID_CONFIG', 'give exactly one of options.aggregate, options.reduce or options.process');
  }
  if (options.aggregate) {
    const a = options.aggregate;
    if (typeof a.create !== 'function' || typeof a.add !== 'function' || typeof a.merge !== 'function' || typeof a.result !== 'function') {
      throw new WindowingError('INVALID_CONFIG', 'options.aggregate needs create, add, merge and result functions');
    }
    return aggregateOps(a);
  }
  if (options.reduce) {
    if (typeof options.reduce !== 'function') throw new WindowingError('INVALID_CONFIG', 'options.reduce must be a function');
    return reduceOps(options.reduce) as unknown as PaneFunction<K, V, R>;
  }
  if (typeof options.process !== 'function') throw new WindowingError('INVALID_CONFIG', 'options.process must be a function');
  return processOps(options.process);
}
