import type { SessionWindows } from '../assigners/session.js';
import type { WindowAssigner } from '../assigners/window-assigner.js';
import { systemClock, type Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import { aggregateOps, processOps, reduceOps, type PaneFunction } from '../functions/window-function.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP, assertInteger, assertTimestamp, describe, saturatingAdd } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import { createTrigger } from '../triggers/create-trigger.js';
import { FIRE, PURGE, type Trigger, type TriggerContext } from '../triggers/trigger.js';
import { PartitionWatermarks } from '../watermarks/partition-watermarks.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import { GLOBAL_WINDOW, windowStart, type Window } from '../window.js';
import { EventTimeSlices, type SliceEntry } from './event-time-slices.js';
import { EventTimeSlots, type Slot as FastSlot } from './event-time-slots.js';
import { mergeWindows } from './merge-windows.js';
import type { EmitMode, WindowOperatorOptions } from './options.js';
import { Pane } from './pane.js';
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
import { assertSnapshotShape, SNAPSHOT_FORMAT, type SnapshotConfig, type WindowOperatorSnapshot } from './snapshot-format.js';

const TUMBLING = 0;
const SLIDING = 1;
const SESSION = 2;
const GLOBAL = 3;

interface Slot<K> {
  readonly start: number;
  readonly window: Window;
  /** `end − 1 + allowedLateness` (saturated). */
  readonly cleanup: number;
  /** Watermark at which the window is late (Infinity for the global window). */
  readonly lateAt: number;
  readonly panes: Map<K, Pane<K>>;
}

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
export class WindowOperator<K extends Key, V, R> implements TriggerContext {
  /** The current event-time watermark ({@link MIN_TIMESTAMP} before any). Never decreases. */
  watermark = MIN_TIMESTAMP;
  /** Counters, kept across snapshot/restore. */
  readonly metrics: OperatorMetrics = { elements: 0, results: 0, lateSideOutput: 0, lateDropped: 0 };

  private readonly kind: number;
  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;
  private readonly session: SessionWindows<V> | undefined;
  private readonly lateness: number;
  private readonly emitFinal: boolean;
  private readonly fn: PaneFunction<K, V, R>;
  private readonly trigger: Trigger;
  private readonly clock: Clock;
  private readonly wms: PartitionWatermarks<V> | undefined;
  private readonly config: SnapshotConfig;

  private readonly slots = new Map<number, Slot<K>>();
  private lastSlot: Slot<K> | undefined;
  private readonly sessions = new Map<K, Pane<K>[]>();
  private readonly eventTimers = new TimerQueue<Pane<K>>();
  private readonly processingTimers = new TimerQueue<Pane<K>>();
  private paneCount = 0;
  /** Fast path (tumbling/sliding + plain event-time trigger), else undefined. */
  private readonly fast: EventTimeSlots<K, V, R> | undefined;
  private fastLast: FastSlot<K> | undefined;
  private readonly fastCache: (FastSlot<K> | undefined)[] = [];
  /** Sliced path (sliding, size a multiple of slide, plain event-time trigger, commutative aggregate). */
  private readonly sliced: EventTimeSlices<K, V, R> | undefined;

  private readonly onResult: (result: WindowResult<K, R>) => void;
  private readonly onLate: ((element: LateElement<K, V>) => void) | undefined;
  private readonly onRetract: (retraction: WindowRetraction<K>) => void;
  private results: WindowResult<K, R>[] = [];
  private late: LateElement<K, V>[] = [];
  private retractions: WindowRetraction<K>[] = [];

  private readonly fireEventTimer = (pane: Pane<K>, time: number): void => this.onEventTimer(pane, time);
  private readonly fireProcessingTimer = (pane: Pane<K>, time: number): void => this.onProcessingTimer(pane, time);

  constructor(options: WindowOperatorOptions<K, V, R>) {
    if (options === null || typeof options !== 'object') {
      throw new WindowingError('INVALID_CONFIG', `operator options must be an object, got ${describe(options)}`);
    }
    const assigner = options.assigner as WindowAssigner<V> | undefined;
    if (!assigner || typeof assigner.assign !== 'function' || !assigner.description) {
      throw new WindowingError('INVALID_CONFIG', 'options.assigner must come from tumbling(), sliding(), session() or globalWindows()');
    }
    const d = assigner.description;
    this.size = d.type === 'tumbling' || d.type === 'sliding' ? d.size : 0;
    this.slide = d.type === 'sliding' ? d.slide : d.type === 'tumbling' ? d.size : 0;
    this.offset = d.type === 'tumbling' || d.type === 'sliding' ? d.offset : 0;
    this.kind = d.type === 'tumbling' ? TUMBLING : d.type === 'sliding' ? SLIDING : d.type === 'session' ? SESSION : GLOBAL;
    this.session = d.type === 'session' ? (assigner as SessionWindows<V>) : undefined;
    this.lateness = assertInteger(options.allowedLateness ?? 0, 'allowedLateness', 'INVALID_LATENESS', 0);
    const emit: EmitMode = options.emit ?? 'updates';
    if (emit !== 'updates' && emit !== 'final') {
      throw new WindowingError('INVALID_CONFIG', `emit must be "updates" or "final", got ${describe(emit)}`);
    }
    this.emitFinal = emit === 'final';
    this.trigger = createTrigger(options.trigger ?? { type: 'event-time' });
    if (this.emitFinal && (this.trigger.purging || this.kind === GLOBAL)) {
      throw new WindowingError('INVALID_CONFIG', 'emit "final" needs time windows and a non-purging trigger');
    }
    const fns = [options.aggregate, options.reduce, options.process].filter((f) => f !== undefined);
    if (fns.length !== 1) {
      throw new WindowingError('INVALID_CONFIG', 'give exactly one of options.aggregate, options.reduce or options.process');
    }
    if (options.aggregate) {
      const a = options.aggregate;
      if (typeof a.create !== 'function' || typeof a.add !== 'function' || typeof a.merge !== 'function' || typeof a.result !== 'function') {
        throw new WindowingError('INVALID_CONFIG', 'options.aggregate needs create, add, merge and result functions');
      }
      this.fn = aggregateOps(a);
    } else if (options.reduce) {
      if (typeof options.reduce !== 'function') throw new WindowingError('INVALID_CONFIG', 'options.reduce must be a function');
      this.fn = reduceOps(options.reduce) as unknown as PaneFunction<K, V, R>;
    } else {
      if (typeof options.process !== 'function') throw new WindowingError('INVALID_CONFIG', 'options.process must be a function');
      this.fn = processOps(options.process!);
    }
    this.clock = options.clock ?? systemClock;
    this.wms = options.watermarks ? new PartitionWatermarks(options.watermarks, this.clock) : undefined;
    this.onResult = options.onResult ?? ((r) => this.results.push(r));
    this.onLate = options.onLate ?? (options.lateOutput ? (e) => this.late.push(e) : undefined);
    this.onRetract = options.onRetract ?? ((r) => this.retractions.push(r));
    const spec = this.trigger.spec;
    const plainEventTime = spec.type === 'event-time' && spec.earlyEveryMs === undefined && spec.earlyEveryElements === undefined;
    const emitValue = (key: K, window: Window, acc: unknown, timing: FiringTiming, pane: number): void =>
      this.emitValue(key, window, acc, timing, pane);
    const slicing =
      plainEventTime && this.kind === SLIDING && this.size > this.slide && this.size % this.slide === 0 && this.fn.commutative;
    this.sliced = slicing
      ? new EventTimeSlices<K, V, R>(this.fn, this.size, this.slide, this.lateness, this.emitFinal, emitValue)
      : undefined;
    this.fast =
      plainEventTime && !slicing && (this.kind === TUMBLING || this.kind === SLIDING)
        ? new EventTimeSlots<K, V, R>(this.fn, this.size, this.lateness, this.emitFinal, emitValue)
        : undefined;
    const w = options.watermarks;
    this.config = {
      assigner: d,
      trigger: this.trigger.spec,
      allowedLateness: this.lateness,
      emit,
      function: this.fn.kind,
      watermarks: w
        ? {
            type: w.type,
            ...(w.type === 'bounded' ? { outOfOrderness: w.outOfOrderness, emit: w.emit ?? 'per-element' } : {}),
            ...(w.idleTimeout === undefined ? {} : { idleTimeout: w.idleTimeout }),
          }
        : null,
      ...(slicing ? { layout: 'slices' as const } : {}),
    };
  }

  // ───────────────────────────── inputs ─────────────────────────────

  /**
   * Processes one element. `partition` feeds the per-partition watermark generator (when configured).
   * Throws `INVALID_TIMESTAMP` / `INVALID_KEY` on bad input, leaving the state untouched.
   */
  onElement(key: K, value: V, timestamp: number, partition: PartitionId = 0): void {
    if (!Number.isSafeInteger(timestamp)) assertTimestamp(timestamp);
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new WindowingError('INVALID_KEY', `key must be a string or number, got ${describe(key)}`);
    }
    this.metrics.elements++;
    let kept: boolean;
    if (this.sliced !== undefined) kept = this.sliced.add(key, value, windowStart(timestamp, this.offset, this.slide), this.watermark);
    else if (this.fast !== undefined) kept = this.addFast(key, value, timestamp);
    else
      switch (this.kind) {
      case TUMBLING:
        kept = this.addToWindow(key, value, timestamp, windowStart(timestamp, this.offset, this.size));
        break;
      case SLIDING: {
        kept = false;
        const size = this.size;
        for (let start = windowStart(timestamp, this.offset, this.slide); start > timestamp - size; start -= this.slide) {
          if (this.addToWindow(key, value, timestamp, start)) kept = true;
        }
        break;
      }
      case SESSION:
        kept = this.addToSession(key, value, timestamp);
        break;
      default:
        kept = this.addToWindow(key, value, timestamp, MIN_TIMESTAMP);
    }
    if (!kept && this.kind !== GLOBAL && saturatingAdd(timestamp, this.lateness) <= this.watermark) {
      if (this.onLate) {
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
    const now = this.clock.now();
    this.processingTimers.fireUntil(now, this.fireProcessingTimer);
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
    const sliced = this.sliced;
    if (sliced !== undefined) {
      const { panes, windows } = sliced.logicalSize();
      return { panes, windows, elements: 0, eventTimers: sliced.timers.size(), processingTimers: 0 };
    }
    const fast = this.fast;
    if (fast !== undefined) {
      let elements = 0;
      if (this.fn.kind === 'process') for (const slot of fast.slots.values()) for (const acc of slot.accs.values()) elements += this.fn.size(acc);
      return { panes: fast.panes, windows: fast.slots.size, elements, eventTimers: fast.timers.size(), processingTimers: 0 };
    }
    let elements = 0;
    if (this.fn.kind === 'process') for (const p of this.allPanes()) if (p.has) elements += this.fn.size(p.acc);
    return {
      panes: this.paneCount,
      windows: this.kind === SESSION ? this.sessions.size : this.slots.size,
      elements,
      eventTimers: this.eventTimers.size(),
      processingTimers: this.processingTimers.size(),
    };
  }

  // ─────────────────────── TriggerContext (internal) ───────────────────────

  /** @internal */
  now(): number {
    return this.clock.now();
  }

  /** @internal */
  registerEventTimer(pane: Pane<K>, time: number): void {
    const bits = timerBits(pane, time);
    if ((pane.timers & bits) === bits) return;
    pane.timers |= bits;
    this.eventTimers.add(time, pane);
  }

  /** @internal */
  deleteEventTimer(pane: Pane<K>, time: number): void {
    const bits = timerBits(pane, time);
    if ((pane.timers & bits) === 0) return;
    pane.timers &= ~bits;
    this.eventTimers.delete(time, pane);
  }

  /** @internal */
  registerProcessingTimer(pane: Pane<K>, time: number): void {
    if (pane.processingTimer === time) return;
    if (!Number.isNaN(pane.processingTimer)) this.processingTimers.delete(pane.processingTimer, pane);
    pane.processingTimer = time;
    this.processingTimers.add(time, pane);
  }

  /** @internal */
  deleteProcessingTimer(pane: Pane<K>, time: number): void {
    if (pane.processingTimer !== time) return;
    pane.processingTimer = Number.NaN;
    this.processingTimers.delete(time, pane);
  }

  // ───────────────────────────── core ─────────────────────────────

  private advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    if (this.sliced !== undefined) {
      this.sliced.advance(watermark);
      return;
    }
    if (this.fast !== undefined) {
      this.fast.advance(watermark);
      return;
    }
    if (this.eventTimers.peek() <= watermark) this.eventTimers.fireUntil(watermark, this.fireEventTimer);
  }

  /** Fast path: returns false when every window of the element is late. */
  private addFast(key: K, value: V, ts: number): boolean {
    const fast = this.fast!;
    const wm = this.watermark;
    if (this.kind === TUMBLING) {
      const start = windowStart(ts, this.offset, this.size);
      let slot = this.fastLast;
      if (slot === undefined || slot.start !== start) {
        slot = fast.slot(start, wm);
        if (slot === undefined) return false;
        this.fastLast = slot;
      } else if (slot.cleanup <= wm) return false;
      fast.add(key, value, slot);
      return true;
    }
    let kept = false;
    const cache = this.fastCache;
    for (let start = windowStart(ts, this.offset, this.slide), j = 0; start > ts - this.size; start -= this.slide, j++) {
      let slot = cache[j];
      if (slot === undefined || slot.start !== start) {
        slot = fast.slot(start, wm);
        if (slot === undefined) continue;
        cache[j] = slot;
      } else if (slot.cleanup <= wm) continue;
      fast.add(key, value, slot);
      kept = true;
    }
    return kept;
  }

  /** Non-merging assigners: one window identified by its start. Returns false when the window is late. */
  private addToWindow(key: K, value: V, ts: number, start: number): boolean {
    let slot = this.lastSlot;
    if (slot === undefined || slot.start !== start) {
      slot = this.slots.get(start);
      if (slot === undefined) {
        const global = this.kind === GLOBAL;
        const window = global ? GLOBAL_WINDOW : { start, end: start + this.size };
        const cleanup = global ? MAX_TIMESTAMP : saturatingAdd(window.end - 1, this.lateness);
        slot = { start, window, cleanup, lateAt: global ? Infinity : cleanup, panes: new Map() };
        if (slot.lateAt <= this.watermark) return false;
        this.slots.set(start, slot);
      }
      this.lastSlot = slot;
    }
    if (slot.lateAt <= this.watermark) return false;
    let pane = slot.panes.get(key);
    if (pane === undefined) {
      pane = new Pane(key, slot.window, slot.cleanup);
      slot.panes.set(key, pane);
      this.paneCount++;
    }
    this.addAndTrigger(pane, value, ts);
    return true;
  }

  private addAndTrigger(pane: Pane<K>, value: V, ts: number): void {
    pane.acc = pane.has ? this.fn.add(pane.acc, value) : this.fn.first(value);
    pane.has = true;
    const r = this.trigger.onElement(pane, ts, this);
    if (r !== 0) this.handle(pane, r, false);
    if (pane.cleanup !== MAX_TIMESTAMP && (pane.timers & 2) === 0) this.registerEventTimer(pane, pane.cleanup);
  }

  /** Sessions: Flink's `MergingWindowSet.addWindow` + `WindowOperator.processElement`. */
  private addToSession(key: K, value: V, ts: number): boolean {
    const gap = this.session!.gap(value, ts);
    const fresh: Window = { start: ts, end: ts + gap };
    let panes = this.sessions.get(key);
    let target: Pane<K> | undefined;
    if (panes !== undefined) {
      const windows: Window[] = panes.map((p) => p.window);
      windows.push(fresh);
      mergeWindows(windows, (members, result) => {
        const i = members.indexOf(fresh);
        if (i < 0) return; // only the group holding the new window can merge (others are disjoint)
        members.splice(i, 1);
        const old = members.map((w) => panes!.find((p) => p.window === w)!);
        if (old.length === 1 && old[0].window.start === result.start && old[0].window.end === result.end) {
          target = old[0]; // the new window lies inside an existing session
          return;
        }
        target = this.mergePanes(key, panes!, old, result);
      });
    }
    if (target === undefined) {
      const cleanup = saturatingAdd(fresh.end - 1, this.lateness);
      if (cleanup <= this.watermark) return false; // a late new session: retired at once
      target = new Pane(key, fresh, cleanup);
      if (panes === undefined) this.sessions.set(key, (panes = []));
      insertSorted(panes, target);
      this.paneCount++;
    }
    this.addAndTrigger(target, value, ts);
    return true;
  }

  private mergePanes(key: K, panes: Pane<K>[], old: Pane<K>[], result: Window): Pane<K> {
    const cleanup = saturatingAdd(result.end - 1, this.lateness);
    if (cleanup <= this.watermark) {
      throw new WindowingError('LATE_MERGE', `merging sessions of key ${describe(key)} produced a window that is already late`);
    }
    const merged = new Pane(key, { start: result.start, end: result.end }, cleanup);
    for (const p of old) {
      if (p.has) {
        merged.acc = merged.has ? this.fn.merge(merged.acc, p.acc) : p.acc;
        merged.has = true;
      }
      merged.count += p.count;
    }
    this.trigger.onMerge(merged, this);
    for (const p of old) {
      this.trigger.clear(p, this);
      this.deleteEventTimer(p, p.cleanup);
      p.alive = false;
      panes.splice(panes.indexOf(p), 1);
      this.paneCount--;
      if (p.firings > 0 && !this.emitFinal) this.onRetract({ key, window: p.window, timestamp: p.window.end - 1 });
    }
    insertSorted(panes, merged);
    this.paneCount++;
    return merged;
  }

  private onEventTimer(pane: Pane<K>, time: number): void {
    if (!pane.alive) return;
    pane.timers &= ~timerBits(pane, time);
    const r = this.trigger.onEventTime(pane, time, this);
    if (r !== 0) this.handle(pane, r, time === pane.window.end - 1);
    if (time === pane.cleanup && pane.cleanup !== MAX_TIMESTAMP) {
      if (this.emitFinal && pane.has) this.emit(pane, 'final');
      this.clearAll(pane);
    }
  }

  private onProcessingTimer(pane: Pane<K>, time: number): void {
    if (!pane.alive) return;
    if (pane.processingTimer === time) pane.processingTimer = Number.NaN;
    const r = this.trigger.onProcessingTime(pane, time, this);
    if (r !== 0) this.handle(pane, r, false);
  }

  private handle(pane: Pane<K>, r: number, onTime: boolean): void {
    if (r & FIRE && pane.has && !this.emitFinal) {
      this.emit(pane, onTime ? 'on-time' : this.watermark >= pane.window.end - 1 ? 'late' : 'early');
    }
    if (r & PURGE) {
      pane.acc = undefined;
      pane.has = false;
    }
  }

  private emit(pane: Pane<K>, timing: FiringTiming): void {
    this.emitValue(pane.key, pane.window, pane.acc, timing, pane.firings++);
  }

  private emitValue(key: K, window: Window, acc: unknown, timing: FiringTiming, pane: number): void {
    this.metrics.results++;
    this.onResult({ key, window, value: this.fn.result(acc, key, window), timestamp: window.end - 1, timing, pane });
  }

  /** Flink's `clearAllState`: contents, trigger state and timers, and the window itself. */
  private clearAll(pane: Pane<K>): void {
    this.trigger.clear(pane, this);
    this.deleteEventTimer(pane, pane.cleanup);
    pane.acc = undefined;
    pane.has = false;
    pane.alive = false;
    this.paneCount--;
    if (this.kind === SESSION) {
      const panes = this.sessions.get(pane.key)!;
      panes.splice(panes.indexOf(pane), 1);
      if (panes.length === 0) this.sessions.delete(pane.key);
      return;
    }
    const start = this.kind === GLOBAL ? MIN_TIMESTAMP : pane.window.start;
    const slot = this.slots.get(start)!;
    slot.panes.delete(pane.key);
    if (slot.panes.size === 0) {
      this.slots.delete(start);
      if (this.lastSlot === slot) this.lastSlot = undefined;
    }
  }

  private *allPanes(): Generator<Pane<K>> {
    for (const slot of this.slots.values()) yield* slot.panes.values();
    for (const panes of this.sessions.values()) yield* panes;
  }

  // ───────────────────────── snapshot / restore ─────────────────────────

  /**
   * A JSON-safe copy of the whole state (windows, accumulators, trigger state, timers, watermarks, metrics).
   * Restoring it into an operator built with the same options continues with identical outputs.
   */
  snapshot(): WindowOperatorSnapshot {
    const index = new Map<Pane<K>, number>();
    const panes: WindowOperatorSnapshot['panes'] = [];
    let fastTimers: [number, number[]][] = [];
    if (this.fast !== undefined) {
      const fast = this.fast;
      const first = new Map<FastSlot<K>, number>();
      for (const slot of fast.slots.values()) {
        first.set(slot, panes.length);
        for (const [key, acc] of slot.accs) {
          panes.push([key, slot.window.start, slot.window.end, this.fn.toJSON(acc), true, 0, fast.firingsOf(slot, key)]);
        }
      }
      fastTimers = fast.timers.entries().map(([t, slots]) => [
        t,
        slots.flatMap((slot) => Array.from({ length: slot.accs.size }, (_, i) => first.get(slot)! + i)),
      ]);
    }
    for (const p of this.allPanes()) {
      index.set(p, panes.length);
      panes.push([p.key, p.window.start, p.window.end, p.has ? this.fn.toJSON(p.acc) : null, p.has, p.count, p.firings]);
    }
    const timers = (q: TimerQueue<Pane<K>>): [number, number[]][] =>
      q.entries().map(([t, owners]) => [t, owners.map((o) => index.get(o)!)]);
    if (this.sliced !== undefined) for (const entry of this.sliced.snapshot(this.fn.toJSON)) panes.push(entry);
    return {
      format: SNAPSHOT_FORMAT,
      config: structuredCloneJson(this.config),
      watermark: this.watermark,
      panes,
      // Sliced layout: timers are rebuilt from the slices on restore.
      eventTimers: this.fast !== undefined ? fastTimers : this.sliced !== undefined ? [] : timers(this.eventTimers),
      processingTimers: timers(this.processingTimers),
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
    const mine = JSON.stringify(this.config);
    const theirs = JSON.stringify(snapshot.config);
    if (mine !== theirs) {
      throw new WindowingError('SNAPSHOT_MISMATCH', `snapshot was taken with config ${theirs}, this operator has ${mine}`);
    }
    if ((snapshot.watermarks === null) !== (this.wms === undefined)) {
      throw new WindowingError('SNAPSHOT_MISMATCH', 'snapshot and operator disagree on options.watermarks');
    }
    this.slots.clear();
    this.sessions.clear();
    this.lastSlot = undefined;
    this.eventTimers.clear();
    this.processingTimers.clear();
    this.paneCount = 0;
    this.fastLast = undefined;
    this.fastCache.length = 0;
    this.watermark = snapshot.watermark;
    Object.assign(this.metrics, snapshot.metrics);
    if (this.sliced !== undefined) this.sliced.restore(snapshot.panes as SliceEntry[], snapshot.watermark, this.fn.fromJSON);
    else if (this.fast !== undefined) this.restoreFast(snapshot);
    else this.restorePanes(snapshot);
    if (this.wms && snapshot.watermarks) this.wms.restore(snapshot.watermarks);
  }

  private restoreFast(snapshot: WindowOperatorSnapshot): void {
    const fast = this.fast!;
    fast.clear();
    const slotOf: FastSlot<K>[] = [];
    const firings: number[] = [];
    for (const [key, start, end, acc, , , fired] of snapshot.panes) {
      const slot = fast.restoreSlot(start, end);
      slot.accs.set(key as K, this.fn.fromJSON(acc));
      fast.panes++;
      slotOf.push(slot);
      firings.push(fired);
    }
    for (const [time, owners] of snapshot.eventTimers) {
      for (const i of owners) {
        const slot = slotOf[i];
        fast.timers.add(time, slot);
        if (time === slot.window.end - 1) slot.onTimeFired = false;
      }
    }
    snapshot.panes.forEach(([key], i) => {
      const slot = slotOf[i];
      if (slot.onTimeFired && !this.emitFinal && firings[i] !== 1) (slot.firings ??= new Map()).set(key as K, firings[i]);
    });
  }

  private restorePanes(snapshot: WindowOperatorSnapshot): void {
    const panes: Pane<K>[] = [];
    for (const [key, start, end, acc, has, count, firings] of snapshot.panes) {
      const k = key as K;
      let pane: Pane<K>;
      if (this.kind === SESSION) {
        pane = new Pane(k, { start, end }, saturatingAdd(end - 1, this.lateness));
        let list = this.sessions.get(k);
        if (list === undefined) this.sessions.set(k, (list = []));
        list.push(pane);
      } else {
        const slotStart = this.kind === GLOBAL ? MIN_TIMESTAMP : start;
        let slot = this.slots.get(slotStart);
        if (slot === undefined) {
          const global = this.kind === GLOBAL;
          const cleanup = global ? MAX_TIMESTAMP : saturatingAdd(end - 1, this.lateness);
          const window = global ? GLOBAL_WINDOW : { start, end };
          slot = { start: slotStart, window, cleanup, lateAt: global ? Infinity : cleanup, panes: new Map() };
          this.slots.set(slotStart, slot);
        }
        pane = new Pane(k, slot.window, slot.cleanup);
        slot.panes.set(k, pane);
      }
      pane.has = has;
      pane.acc = has ? this.fn.fromJSON(acc) : undefined;
      pane.count = count;
      pane.firings = firings;
      panes.push(pane);
      this.paneCount++;
    }
    for (const [time, owners] of snapshot.eventTimers) {
      for (const i of owners) this.registerEventTimer(panes[i], time);
    }
    for (const [time, owners] of snapshot.processingTimers) {
      for (const i of owners) {
        panes[i].processingTimer = time;
        this.processingTimers.add(time, panes[i]);
      }
    }
  }
}

function timerBits(pane: Pane, time: number): number {
  const bits = (time === pane.window.end - 1 ? 1 : 0) | (time === pane.cleanup ? 2 : 0);
  if (bits === 0) throw new WindowingError('INVALID_CONFIG', `internal: unexpected timer time ${time}`);
  return bits;
}

function insertSorted<K>(panes: Pane<K>[], pane: Pane<K>): void {
  let i = panes.length;
  while (i > 0 && panes[i - 1].window.start > pane.window.start) i--;
  panes.splice(i, 0, pane);
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
