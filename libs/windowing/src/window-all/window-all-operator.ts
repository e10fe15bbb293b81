import { systemClock } from '../clock.js';
import { WindowingError } from '../errors.js';
import type { AggregateFunction } from '../functions/window-function.js';
import { isKey } from '../keyed/keyed-state.js';
import type { EmitMode } from '../operator/options.js';
import type { FiringTiming, Key, WindowRetraction } from '../operator/results.js';
import { assertEnvelope, assertSameConfig, cloneJson, restoreMetrics, SNAPSHOT_FORMAT } from '../operator/snapshot-format.js';
import { assertInteger, describe, MIN_TIMESTAMP, saturatingAdd } from '../time.js';
import { TimerQueue } from '../timers/timer-queue.js';
import { PartitionWatermarks } from '../watermarks/partition-watermarks.js';
import type { PartitionId } from '../watermarks/watermark-strategy.js';
import { windowStart, type Window } from '../window.js';
import type {
  LatePartial,
  UpstreamResult,
  WindowAllConfig,
  WindowAllDrained,
  WindowAllEntry,
  WindowAllMetrics,
  WindowAllOptions,
  WindowAllPartial,
  WindowAllResult,
  WindowAllRetraction,
  WindowAllSnapshot,
} from './window-all-types.js';

interface OpenWindow<K, P> {
  readonly window: Window;
  /** `end − 1 + allowedLateness` (saturated): the window's state goes then. */
  readonly cleanup: number;
  /** Current partial per (input, key), in first-arrival order. */
  readonly partials: Map<string, WindowAllPartial<K, P>>;
  firings: number;
}

const identity = (x: unknown): unknown => x;

/**
 * The per-window stage over all keys (Flink's `windowAll`, and the global phase of a two-phase aggregation):
 * receives the partial results of one or more upstream keyed window operators, each input with its own watermark,
 * and emits ONE result per window over every key and input when the stage's watermark (the minimum over the
 * inputs) reaches `end − 1`.
 *
 * - a later partial for the same (input, key, window) replaces the earlier one (upstream early, on-time and late
 *   firings are upserts); an upstream retraction removes it;
 * - after the on-time firing, every change within the allowed lateness emits a correction at once (`timing:
 *   'late'`, next `pane`); a fired window that loses every partial is retracted;
 * - changes after `end − 1 + allowedLateness` go to the late side output (or are counted in `metrics.lateDropped`).
 *
 * Upstream operators must emit upserts (accumulating triggers; not purging deltas).
 *
 * @example
 * // Global top 3 products per minute from per-product counts computed on two partitions.
 * const stage = createWindowAllOperator({
 *   assigner: tumbling({ size: 60_000 }),
 *   inputs: [0, 1],
 *   aggregate: topN({ n: 3, item: (p: WindowAllPartial<string, number>) => p.key, score: (p) => p.value }),
 * });
 * stage.onResult(0, { key: 'p-1', window: { start: 0, end: 60_000 }, value: 5 });
 * stage.onResult(1, { key: 'p-1', window: { start: 0, end: 60_000 }, value: 2 });
 * stage.onResult(1, { key: 'p-2', window: { start: 0, end: 60_000 }, value: 6 });
 * stage.onWatermark(0, 59_999);
 * stage.onWatermark(1, 60_500);
 * stage.drain().results[0].value; // [{ rank: 1, item: 'p-1', score: 7 }, { rank: 2, item: 'p-2', score: 6 }]
 */
export class WindowAllOperator<K extends Key, P, A, R> {
  /** The stage's watermark: the minimum over the non-idle inputs ({@link MIN_TIMESTAMP} before all have one). */
  watermark = MIN_TIMESTAMP;
  /** Counters, kept across snapshot/restore. */
  readonly metrics: WindowAllMetrics = { partials: 0, retractions: 0, results: 0, retracted: 0, lateSideOutput: 0, lateDropped: 0 };

  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;
  private readonly lateness: number;
  private readonly emitFinal: boolean;
  private readonly aggregate: AggregateFunction<WindowAllPartial<K, P>, A, R>;
  private readonly toJSON: (value: P) => unknown;
  private readonly fromJSON: (json: unknown) => P;
  private readonly inputs: Set<PartitionId>;
  private readonly wms: PartitionWatermarks<number | undefined>;
  private readonly config: WindowAllConfig;
  private readonly windows = new Map<number, OpenWindow<K, P>>();
  private readonly timers = new TimerQueue<OpenWindow<K, P>>();
  private readonly fire = (w: OpenWindow<K, P>, time: number): void => this.onTimer(w, time);

  private readonly onResultCb: (result: WindowAllResult<R>) => void;
  private readonly onRetractCb: (retraction: WindowAllRetraction) => void;
  private readonly onLate: ((late: LatePartial<K, P>) => void) | undefined;
  private results: WindowAllResult<R>[] = [];
  private retractions: WindowAllRetraction[] = [];
  private late: LatePartial<K, P>[] = [];

  constructor(options: WindowAllOptions<K, P, A, R>) {
    if (options === null || typeof options !== 'object') {
      throw new WindowingError('INVALID_CONFIG', `window-all options must be an object, got ${describe(options)}`);
    }
    const d = options.assigner?.description;
    if (d === undefined || (d.type !== 'tumbling' && d.type !== 'sliding')) {
      throw new WindowingError('INVALID_CONFIG', 'options.assigner must come from tumbling() or sliding()');
    }
    this.size = d.size;
    this.slide = d.type === 'sliding' ? d.slide : d.size;
    this.offset = d.offset;
    const inputs = options.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every(isKey) || new Set(inputs).size !== inputs.length) {
      throw new WindowingError('INVALID_CONFIG', `options.inputs must be distinct strings or numbers (at least one), got ${describe(inputs)}`);
    }
    this.inputs = new Set(inputs);
    this.lateness = assertInteger(options.allowedLateness ?? 0, 'allowedLateness', 'INVALID_LATENESS', 0);
    const emit: EmitMode = options.emit ?? 'updates';
    if (emit !== 'updates' && emit !== 'final') throw new WindowingError('INVALID_CONFIG', `emit must be "updates" or "final", got ${describe(emit)}`);
    this.emitFinal = emit === 'final';
    const a = options.aggregate;
    if (a === null || typeof a !== 'object' || typeof a.create !== 'function' || typeof a.add !== 'function' || typeof a.result !== 'function') {
      throw new WindowingError('INVALID_CONFIG', 'options.aggregate needs create, add and result functions');
    }
    this.aggregate = a;
    this.toJSON = (options.partialCodec?.toJSON ?? identity) as (value: P) => unknown;
    this.fromJSON = (options.partialCodec?.fromJSON ?? identity) as (json: unknown) => P;
    const clock = options.clock ?? systemClock;
    this.wms = new PartitionWatermarks<number | undefined>(
      { type: 'punctuated', extract: (wm) => wm, partitions: inputs, ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }) },
      clock,
    );
    this.onResultCb = options.onResult ?? ((r) => this.results.push(r));
    this.onRetractCb = options.onRetract ?? ((r) => this.retractions.push(r));
    this.onLate = options.onLate ?? (options.lateOutput ? (l) => this.late.push(l) : undefined);
    this.config = {
      operator: 'window-all',
      assigner: d,
      inputs: [...inputs],
      allowedLateness: this.lateness,
      emit,
      idleTimeout: options.idleTimeout ?? null,
    };
  }

  // ───────────────────────────── inputs ─────────────────────────────

  /** A partial result of `input` (an upsert of (input, key, window)). */
  onResult(input: PartitionId, result: UpstreamResult<K, P>): void {
    this.checkInput(input);
    if (result === null || typeof result !== 'object') throw new WindowingError('INVALID_CONFIG', `a partial result must be an object, got ${describe(result)}`);
    const { key, window, value } = result;
    this.checkPartial(key, window);
    const partial: WindowAllPartial<K, P> = { input, key, value };
    this.aggregate.validate?.(partial);
    this.metrics.partials++;
    this.change(partial, window, 'result');
    if (this.wms.onEvent(input, undefined, window.end - 1)) this.advanceWatermark(this.wms.combined);
  }

  /** An upstream retraction of `input`: its partial for (key, window) is gone. */
  onRetract(input: PartitionId, retraction: Pick<WindowRetraction<K>, 'key' | 'window'>): void {
    this.checkInput(input);
    if (retraction === null || typeof retraction !== 'object') throw new WindowingError('INVALID_CONFIG', `a retraction must be an object, got ${describe(retraction)}`);
    this.checkPartial(retraction.key, retraction.window);
    this.metrics.retractions++;
    this.change({ input, key: retraction.key, value: undefined as P }, retraction.window, 'retraction');
    if (this.wms.onEvent(input, undefined, retraction.window.end - 1)) this.advanceWatermark(this.wms.combined);
  }

  /** The watermark of `input` (ignored unless higher than its previous one); fires the windows now complete. */
  onWatermark(input: PartitionId, watermark: number): void {
    this.checkInput(input);
    if (!Number.isSafeInteger(watermark)) throw new WindowingError('INVALID_WATERMARK', `watermark must be a safe integer, got ${describe(watermark)}`);
    if (this.wms.onEvent(input, watermark, watermark)) this.advanceWatermark(this.wms.combined);
  }

  /** Marks an input idle (left out of the minimum) until it sends again. */
  markIdle(input: PartitionId): void {
    this.checkInput(input);
    if (this.wms.markIdle(input)) this.advanceWatermark(this.wms.combined);
  }

  /** Processing-time tick: idleness checks (with `idleTimeout`). */
  advance(): void {
    if (this.wms.onPeriodicEmit()) this.advanceWatermark(this.wms.combined);
  }

  /** Whether every input is idle. */
  get idle(): boolean {
    return this.wms.idle;
  }

  /** Returns and clears the buffered outputs. */
  drain(): WindowAllDrained<K, P, R> {
    const out = { results: this.results, retractions: this.retractions, late: this.late };
    this.results = [];
    this.retractions = [];
    this.late = [];
    return out;
  }

  /** Open windows and the partials they hold. */
  stateSize(): { readonly windows: number; readonly partials: number } {
    let partials = 0;
    for (const w of this.windows.values()) partials += w.partials.size;
    return { windows: this.windows.size, partials };
  }

  // ───────────────────────── snapshot / restore ─────────────────────────

  /** A JSON-safe copy of the windows, their partials (through `partialCodec`), input watermarks and metrics. */
  snapshot(): WindowAllSnapshot {
    const panes: WindowAllEntry[] = [];
    for (const w of this.windows.values()) {
      panes.push([w.window.start, w.window.end, w.firings, [...w.partials.values()].map((p) => [p.input, p.key, this.toJSON(p.value)])]);
    }
    return {
      format: SNAPSHOT_FORMAT,
      config: cloneJson(this.config),
      watermark: this.watermark,
      panes,
      eventTimers: [],
      processingTimers: [],
      watermarks: this.wms.snapshot(),
      metrics: { ...this.metrics },
    };
  }

  /** Replaces the state with a snapshot of a stage with the same configuration. Buffered outputs are kept. */
  restore(snapshot: WindowAllSnapshot): void {
    assertEnvelope<WindowAllEntry>(snapshot, (e) => Array.isArray(e) && e.length === 4 && Array.isArray(e[3]));
    assertSameConfig(snapshot, this.config, true);
    const windows: OpenWindow<K, P>[] = snapshot.panes.map(([start, end, firings, partials]) => {
      if (end - start !== this.size || windowStart(start, this.offset, this.slide) !== start || !Number.isSafeInteger(firings) || firings < 0) {
        throw new WindowingError('INVALID_SNAPSHOT', `bad window entry [${start}, ${end}) with ${describe(firings)} firings`);
      }
      const w = this.newWindow({ start, end });
      w.firings = firings;
      for (const p of partials) {
        if (!Array.isArray(p) || p.length !== 3 || !this.inputs.has(p[0]) || !isKey(p[1])) {
          throw new WindowingError('INVALID_SNAPSHOT', `bad partial ${describe(p)} in window [${start}, ${end})`);
        }
        const partial: WindowAllPartial<K, P> = { input: p[0], key: p[1] as K, value: this.fromJSON(p[2]) };
        w.partials.set(partialId(partial.input, partial.key), partial);
      }
      return w;
    });
    this.windows.clear();
    this.timers.clear();
    this.watermark = snapshot.watermark;
    for (const w of windows) this.open(w);
    restoreMetrics(this.metrics, snapshot.metrics);
    if (snapshot.watermarks) this.wms.restore(snapshot.watermarks);
  }

  // ───────────────────────────── core ─────────────────────────────

  private checkInput(input: PartitionId): void {
    if (!this.inputs.has(input)) {
      throw new WindowingError('INVALID_CONFIG', `unknown input ${describe(input)}; declared inputs: ${[...this.inputs].map((i) => describe(i)).join(', ')}`);
    }
  }

  private checkPartial(key: K, window: Window): void {
    if (!isKey(key)) throw new WindowingError('INVALID_KEY', `partial key must be a string or a finite number, got ${describe(key)}`);
    const start = window?.start;
    if (
      !Number.isSafeInteger(start) ||
      window.end !== start + this.size ||
      windowStart(start, this.offset, this.slide) !== start
    ) {
      throw new WindowingError('INVALID_CONFIG', `window ${describe(window)} is not on the stage's grid (size ${this.size}, slide ${this.slide}, offset ${this.offset})`);
    }
  }

  private newWindow(window: Window): OpenWindow<K, P> {
    return { window: { start: window.start, end: window.end }, cleanup: saturatingAdd(window.end - 1, this.lateness), partials: new Map(), firings: 0 };
  }

  /** Registers an open window and its timers (at `end − 1` unless already past, and at cleanup). */
  private open(w: OpenWindow<K, P>): void {
    const maxTs = w.window.end - 1;
    this.windows.set(w.window.start, w);
    if (maxTs > this.watermark) this.timers.add(maxTs, w);
    if (w.cleanup !== maxTs) this.timers.add(w.cleanup, w);
  }

  private change(partial: WindowAllPartial<K, P>, window: Window, kind: LatePartial<K, P>['kind']): void {
    const cleanup = saturatingAdd(window.end - 1, this.lateness);
    let w = this.windows.get(window.start);
    if (w === undefined) {
      if (cleanup <= this.watermark) {
        this.lateOutput({ input: partial.input, kind, key: partial.key, window: { start: window.start, end: window.end }, value: partial.value });
        return;
      }
      if (kind === 'retraction') return; // nothing held for it
      w = this.newWindow(window);
      this.open(w);
    }
    const id = partialId(partial.input, partial.key);
    if (kind === 'result') w.partials.set(id, partial);
    else if (!w.partials.delete(id)) return;
    if (this.emitFinal || w.window.end - 1 > this.watermark) return;
    // Past its on-time firing: correct at once.
    if (w.partials.size > 0) this.emit(w, 'late');
    else if (w.firings > 0) {
      this.metrics.retracted++;
      this.onRetractCb({ window: w.window, timestamp: w.window.end - 1 });
    }
  }

  private lateOutput(late: LatePartial<K, P>): void {
    if (this.onLate) {
      this.metrics.lateSideOutput++;
      this.onLate(late);
    } else {
      this.metrics.lateDropped++;
    }
  }

  private advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    if (this.timers.peek() <= watermark) this.timers.fireUntil(watermark, this.fire);
  }

  private onTimer(w: OpenWindow<K, P>, time: number): void {
    const maxTs = w.window.end - 1;
    if (time === maxTs && !this.emitFinal && w.partials.size > 0) this.emit(w, 'on-time');
    if (time === w.cleanup) {
      if (this.emitFinal && w.partials.size > 0) this.emit(w, 'final');
      this.windows.delete(w.window.start);
      this.timers.delete(maxTs, w);
    }
  }

  private emit(w: OpenWindow<K, P>, timing: FiringTiming): void {
    const a = this.aggregate;
    let acc = a.create();
    for (const p of w.partials.values()) acc = a.add(acc, p);
    this.metrics.results++;
    this.onResultCb({ window: w.window, value: a.result(acc), timestamp: w.window.end - 1, timing, pane: w.firings++ });
  }
}

function partialId(input: PartitionId, key: Key): string {
  return JSON.stringify([input, key]);
}

/**
 * Builds a {@link WindowAllOperator}.
 *
 * @example
 * // Global revenue per minute from per-partition partial sums (exact decimals).
 * const revenue = createWindowAllOperator({
 *   assigner: tumbling({ size: 60_000 }),
 *   inputs: ['orders-0', 'orders-1'],
 *   aggregate: decimalSum((p: WindowAllPartial<string, string>) => p.value),
 *   allowedLateness: 10_000,
 * });
 * revenue.onResult('orders-0', { key: 'all', window: { start: 0, end: 60_000 }, value: '10.50' });
 * revenue.onResult('orders-1', { key: 'all', window: { start: 0, end: 60_000 }, value: '2.25' });
 * revenue.onWatermark('orders-0', 60_000);
 * revenue.onWatermark('orders-1', 60_000);
 * revenue.drain().results[0].value; // '12.75'
 */
export function createWindowAllOperator<K extends Key, P, A, R>(options: WindowAllOptions<K, P, A, R>): WindowAllOperator<K, P, A, R> {
  return new WindowAllOperator(options);
}
