import { systemClock, type Clock } from '../clock.js';
import { WindowingError } from '../errors.js';
import {
  assertEnvelope,
  assertSameConfig,
  cloneJson,
  restoreMetrics,
  SNAPSHOT_FORMAT,
  watermarksConfig,
  type TimerEntry,
} from '../operator/snapshot-format.js';
import type { Key } from '../operator/results.js';
import { MIN_TIMESTAMP, assertTimestamp, describe } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import { PartitionWatermarks } from '../watermarks/partition-watermarks.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import { isKey, KeyedStateStore, type KeyEntry } from './keyed-state.js';
import type {
  KeyedDrainedOutput,
  KeyedOutput,
  KeyedProcessConfig,
  KeyedProcessMetrics,
  KeyedProcessOptions,
  KeyedProcessSnapshot,
  KeyedSideOutput,
  KeyedStateSize,
  KeyedTimerService,
  OnTimerContext,
  OutputTag,
  TimeDomain,
} from './keyed-process-types.js';
import type { StateDescriptors, StateViews } from './state-descriptors.js';

/**
 * A keyed process operator (Flink's `KeyedProcessOperator` running a `KeyedProcessFunction`): per-key value, map
 * and list state, per-key event- and processing-time timers, a main output and side outputs, watermarks per
 * partition exactly as the window operator derives them, and snapshots in the same `ecom-windowing/1` envelope.
 * Pure and synchronous: feed it elements, watermarks and processing-time ticks.
 *
 * - elements are processed as they arrive, also when behind the watermark (counted in `metrics.lateElements`);
 * - event-time timers fire, in time order, when the watermark reaches them (after the element that moved it);
 *   processing-time timers on `advance()`;
 * - a key's state lives until the function clears it (use a timer to expire it).
 *
 * @example
 * const state = { count: valueState<number>() };
 * const op = createKeyedProcessOperator<string, number, string, typeof state>({
 *   state,
 *   processElement(_amount, ctx) {
 *     ctx.state.count.update((ctx.state.count.value() ?? 0) + 1);
 *     ctx.timerService.registerEventTimeTimer(ctx.timestamp + 60_000);
 *   },
 *   onTimer(_time, ctx) {
 *     ctx.output(`${ctx.currentKey}: ${ctx.state.count.value() ?? 0} orders`);
 *     ctx.state.count.clear();
 *   },
 * });
 * op.onElement('c1', 1250, 1000);
 * op.onWatermark(61_000);
 * op.drain().outputs; // [{ key: 'c1', value: 'c1: 1 orders', timestamp: 61_000 }]
 */
export class KeyedProcessOperator<K extends Key, V, O, S extends StateDescriptors> {
  /** The current event-time watermark ({@link MIN_TIMESTAMP} before any). Never decreases. */
  watermark = MIN_TIMESTAMP;
  /** Counters, kept across snapshot/restore. */
  readonly metrics: KeyedProcessMetrics = {
    elements: 0,
    lateElements: 0,
    outputs: 0,
    sideOutputs: 0,
    eventTimersFired: 0,
    processingTimersFired: 0,
  };

  private readonly state: KeyedStateStore<K, S>;
  private readonly eventTimers = new TimerQueue<KeyEntry<K>>();
  private readonly processingTimers = new TimerQueue<KeyEntry<K>>();
  private readonly processElement: KeyedProcessOptions<K, V, O, S>['processElement'];
  private readonly onTimer: KeyedProcessOptions<K, V, O, S>['onTimer'];
  private readonly clock: Clock;
  private readonly wms: PartitionWatermarks<V> | undefined;
  private readonly config: KeyedProcessConfig;
  private readonly onOutput: (output: KeyedOutput<K, O>) => void;
  private readonly onSideOutput: (output: KeyedSideOutput<K>) => void;
  private outputs: KeyedOutput<K, O>[] = [];
  private sideOutputs: KeyedSideOutput<K>[] = [];
  /** The context handed to user code; its fields are set before each call. */
  private readonly ctx: ContextImpl<K, O, S>;
  private busy = false;

  private readonly fireEventTimer = (entry: KeyEntry<K>, time: number): void => {
    entry.timers--;
    this.metrics.eventTimersFired++;
    this.callTimer(entry, time, 'event-time');
  };
  private readonly fireProcessingTimer = (entry: KeyEntry<K>, time: number): void => {
    entry.timers--;
    this.metrics.processingTimersFired++;
    this.callTimer(entry, time, 'processing-time');
  };

  constructor(options: KeyedProcessOptions<K, V, O, S>) {
    if (options === null || typeof options !== 'object') {
      throw new WindowingError(
        'INVALID_CONFIG',
        `keyed process options must be an object, got ${describe(options)}`,
      );
    }
    if (typeof options.processElement !== 'function')
      throw new WindowingError('INVALID_CONFIG', 'options.processElement must be a function');
    if (options.onTimer !== undefined && typeof options.onTimer !== 'function') {
      throw new WindowingError('INVALID_CONFIG', 'options.onTimer must be a function');
    }
    if (options.name !== undefined && typeof options.name !== 'string')
      throw new WindowingError('INVALID_CONFIG', 'options.name must be a string');
    this.state = new KeyedStateStore<K, S>(options.state ?? ({} as S));
    this.processElement = options.processElement;
    this.onTimer = options.onTimer;
    this.clock = options.clock ?? systemClock;
    this.wms = options.watermarks ? new PartitionWatermarks(options.watermarks, this.clock) : undefined;
    this.onOutput = options.onOutput ?? ((o) => this.outputs.push(o));
    this.onSideOutput = options.onSideOutput ?? ((o) => this.sideOutputs.push(o));
    this.ctx = new ContextImpl(
      this.state.views,
      this.timerService(),
      (value, ts) => this.emit(value, ts),
      (tag, value, ts) => this.emitSide(tag, value, ts),
      () => this.watermark,
    );
    this.config = {
      operator: 'keyed-process',
      ...(options.name === undefined ? {} : { name: options.name }),
      state: this.state.layout(),
      watermarks: watermarksConfig(options.watermarks),
    };
  }

  // ───────────────────────────── inputs ─────────────────────────────

  /**
   * Processes one element of `key` (calls `processElement`), then feeds the partition's watermark generator.
   * Throws `INVALID_TIMESTAMP` / `INVALID_KEY` on bad input (state untouched); an error thrown by the function
   * propagates (restore the last snapshot to retry).
   */
  onElement(key: K, value: V, timestamp: number, partition: PartitionId = 0): void {
    assertTimestamp(timestamp);
    if (!isKey(key))
      throw new WindowingError(
        'INVALID_KEY',
        `key must be a string or a finite number, got ${describe(key)}`,
      );
    this.enter();
    this.metrics.elements++;
    if (timestamp <= this.watermark) this.metrics.lateElements++;
    this.begin(key, undefined, timestamp, undefined);
    try {
      this.processElement(value, this.ctx);
    } finally {
      this.end();
    }
    if (this.wms !== undefined && this.wms.onEvent(partition, value, timestamp))
      this.advanceWatermark(this.wms.combined);
  }

  /** Advances event time (ignored unless higher than the current watermark) and fires due event-time timers. */
  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) {
      throw new WindowingError(
        'INVALID_WATERMARK',
        `watermark must be a safe integer, got ${describe(watermark)}`,
      );
    }
    this.enter();
    this.advanceWatermark(watermark);
  }

  /** Processing-time tick: fires processing-time timers due at `clock.now()`, then periodic watermark emission. */
  advance(): void {
    this.enter();
    this.processingTimers.fireUntil(this.clock.now(), this.fireProcessingTimer);
    if (this.wms !== undefined && this.wms.onPeriodicEmit()) this.advanceWatermark(this.wms.combined);
  }

  /** Marks a partition idle (excluded from the watermark minimum) until its next element. */
  markIdle(partition: PartitionId): void {
    if (this.wms === undefined)
      throw new WindowingError('INVALID_CONFIG', 'markIdle needs options.watermarks');
    this.enter();
    if (this.wms.markIdle(partition)) this.advanceWatermark(this.wms.combined);
  }

  /** Whether every partition is idle (watermark held). */
  get idle(): boolean {
    return this.wms?.idle ?? false;
  }

  /** Returns and clears the buffered outputs (only those without a callback are buffered). */
  drain(): KeyedDrainedOutput<K, O> {
    const out = { outputs: this.outputs, sideOutputs: this.sideOutputs };
    this.outputs = [];
    this.sideOutputs = [];
    return out;
  }

  /** Keys, values and timers held. */
  stateSize(): KeyedStateSize {
    return {
      keys: this.state.entries.size,
      values: this.state.values(),
      eventTimers: this.eventTimers.size(),
      processingTimers: this.processingTimers.size(),
    };
  }

  // ───────────────────────── snapshot / restore ─────────────────────────

  /** A JSON-safe copy of the state, timers, watermarks and metrics (state values through their codecs). */
  snapshot(): KeyedProcessSnapshot {
    this.enter();
    const index = new Map<KeyEntry<K>, number>();
    const panes = this.state.snapshot(index);
    const timers = (q: TimerQueue<KeyEntry<K>>): TimerEntry[] =>
      q.entries().map(([t, owners]) => [t, owners.map((o) => index.get(o) as number)]);
    return {
      format: SNAPSHOT_FORMAT,
      config: cloneJson(this.config),
      watermark: this.watermark,
      panes,
      eventTimers: timers(this.eventTimers),
      processingTimers: timers(this.processingTimers),
      watermarks: this.wms ? this.wms.snapshot() : null,
      metrics: { ...this.metrics },
    };
  }

  /**
   * Replaces the state with a snapshot of an operator with the same configuration (`SNAPSHOT_MISMATCH`
   * otherwise; `INVALID_SNAPSHOT` when malformed). Buffered outputs are kept.
   */
  restore(snapshot: KeyedProcessSnapshot): void {
    this.enter();
    assertEnvelope<KeyedProcessSnapshot['panes'][number]>(
      snapshot,
      (e) => Array.isArray(e) && e.length === 2 && isKey(e[0]),
    );
    assertSameConfig(snapshot, this.config, this.wms !== undefined);
    for (const [time] of [...snapshot.eventTimers, ...snapshot.processingTimers]) {
      if (!Number.isSafeInteger(time))
        throw new WindowingError('INVALID_SNAPSHOT', `bad timer time ${describe(time)}`);
    }
    const entries = this.state.restore(snapshot.panes);
    this.eventTimers.clear();
    this.processingTimers.clear();
    const add = (q: TimerQueue<KeyEntry<K>>, timers: TimerEntry[]): void => {
      for (const [time, owners] of timers)
        for (const i of owners) if (q.add(time, entries[i])) entries[i].timers++;
    };
    add(this.eventTimers, snapshot.eventTimers);
    add(this.processingTimers, snapshot.processingTimers);
    for (const e of entries) if (e.used === 0 && e.timers === 0) this.state.entries.delete(e.key);
    this.watermark = snapshot.watermark;
    restoreMetrics(this.metrics, snapshot.metrics);
    if (this.wms && snapshot.watermarks) this.wms.restore(snapshot.watermarks);
  }

  // ───────────────────────────── core ─────────────────────────────

  private enter(): void {
    if (this.busy)
      throw new WindowingError(
        'INVALID_STATE',
        'the operator was called from inside its own processElement or onTimer',
      );
  }

  private advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    if (this.eventTimers.peek() <= watermark) this.eventTimers.fireUntil(watermark, this.fireEventTimer);
  }

  private callTimer(entry: KeyEntry<K>, time: number, domain: TimeDomain): void {
    const onTimer = this.onTimer;
    if (onTimer === undefined)
      throw new WindowingError('INVALID_CONFIG', 'a timer fired but options.onTimer is not set');
    this.begin(entry.key, entry, time, domain);
    try {
      onTimer(time, this.ctx);
    } finally {
      this.end();
    }
  }

  /** Binds the context and the state to `key` for one call into user code (no closure per call: the hot path). */
  private begin(
    key: K,
    entry: KeyEntry<K> | undefined,
    timestamp: number,
    domain: TimeDomain | undefined,
  ): void {
    const ctx = this.ctx;
    ctx.currentKey = key;
    ctx.timestamp = timestamp;
    ctx.timeDomain = domain as TimeDomain;
    this.busy = true;
    this.state.enter(key, entry);
  }

  private end(): void {
    this.state.leave();
    this.busy = false;
  }

  private emit(value: O, timestamp: number | undefined): void {
    const ts = this.stamp(timestamp);
    this.metrics.outputs++;
    this.onOutput({ key: this.ctx.currentKey, value, timestamp: ts });
  }

  private emitSide(tag: OutputTag<unknown>, value: unknown, timestamp: number | undefined): void {
    if (tag === null || typeof tag !== 'object' || typeof tag.id !== 'string') {
      throw new WindowingError(
        'INVALID_CONFIG',
        `a side output needs an outputTag(id), got ${describe(tag)}`,
      );
    }
    const ts = this.stamp(timestamp);
    this.metrics.sideOutputs++;
    this.onSideOutput({ tag: tag.id, key: this.ctx.currentKey, value, timestamp: ts });
  }

  private stamp(timestamp: number | undefined): number {
    if (!this.busy)
      throw new WindowingError(
        'INVALID_STATE',
        'outputs are only available inside processElement and onTimer',
      );
    if (timestamp === undefined) return this.ctx.timestamp;
    assertTimestamp(timestamp, 'output timestamp');
    return timestamp;
  }

  private timerService(): KeyedTimerService {
    const time = (t: number): number => {
      assertTimestamp(t, 'timer time');
      return t;
    };
    const register = (q: TimerQueue<KeyEntry<K>>, t: number): void => {
      const at = time(t);
      const e = this.state.ensure();
      if (q.add(at, e)) e.timers++;
    };
    const remove = (q: TimerQueue<KeyEntry<K>>, t: number): void => {
      const at = time(t);
      const e = this.state.currentEntry();
      if (e !== undefined && q.delete(at, e)) e.timers--;
    };
    return {
      currentWatermark: () => this.watermark,
      currentProcessingTime: () => this.clock.now(),
      registerEventTimeTimer: (t) => register(this.eventTimers, t),
      deleteEventTimeTimer: (t) => remove(this.eventTimers, t),
      registerProcessingTimeTimer: (t) => register(this.processingTimers, t),
      deleteProcessingTimeTimer: (t) => remove(this.processingTimers, t),
    };
  }
}

/** The one context object handed to user code (fields set per call). */
class ContextImpl<K, O, S extends StateDescriptors> implements OnTimerContext<K, O, S> {
  currentKey = undefined as K;
  timestamp = MIN_TIMESTAMP;
  timeDomain: TimeDomain = 'event-time';

  constructor(
    readonly state: StateViews<S>,
    readonly timerService: KeyedTimerService,
    private readonly emitMain: (value: O, timestamp: number | undefined) => void,
    private readonly emitSide: (
      tag: OutputTag<unknown>,
      value: unknown,
      timestamp: number | undefined,
    ) => void,
    private readonly currentWatermark: () => number,
  ) {}

  get watermark(): number {
    return this.currentWatermark();
  }

  output(value: O, timestamp?: number): void {
    this.emitMain(value, timestamp);
  }

  sideOutput<T>(tag: OutputTag<T>, value: T, timestamp?: number): void {
    this.emitSide(tag, value, timestamp);
  }
}

/**
 * Builds a {@link KeyedProcessOperator}. Declare the state first and pass `typeof state` so the context's state
 * handles are typed.
 *
 * @example
 * // Fraud: a small order followed by a large one within 10 minutes (event time, per customer).
 * const state = { lastSmall: valueState<number>() };
 * const smallThenLarge = createKeyedProcessOperator<string, { cents: number }, string, typeof state>({
 *   state,
 *   processElement(order, ctx) {
 *     const small = ctx.state.lastSmall.value();
 *     if (order.cents >= 50_000 && small !== undefined && ctx.timestamp - small <= 600_000) ctx.output('small then large');
 *     if (order.cents < 500) {
 *       ctx.state.lastSmall.update(ctx.timestamp);
 *       ctx.timerService.registerEventTimeTimer(ctx.timestamp + 600_000);
 *     }
 *   },
 *   onTimer(time, ctx) {
 *     if (ctx.state.lastSmall.value() === time - 600_000) ctx.state.lastSmall.clear();
 *   },
 *   watermarks: { type: 'bounded', outOfOrderness: 5000 },
 * });
 * smallThenLarge.onElement('c1', { cents: 100 }, 1000);
 * smallThenLarge.onElement('c1', { cents: 90_000 }, 61_000);
 * smallThenLarge.drain().outputs; // [{ key: 'c1', value: 'small then large', timestamp: 61_000 }]
 */
export function createKeyedProcessOperator<
  K extends Key,
  V,
  O,
  S extends StateDescriptors = Record<never, never>,
>(options: KeyedProcessOptions<K, V, O, S>): KeyedProcessOperator<K, V, O, S> {
  return new KeyedProcessOperator(options);
}
