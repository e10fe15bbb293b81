/**
 * When and what the revenue job emits, over any store of window figures: a window's result when the watermark
 * passes its end, a correction when its figures (or its previous window's, for the trend) change later, a
 * retraction when it loses every order, and the clean-up at the correction horizon. Corrections are coalesced: the
 * fired windows changed since the last flush are re-emitted once, with their latest figures, at the next drain or
 * watermark. On request, the open windows' current figures as early results (`final: false`). The single-process core (over orders) and the merging stage of the two-phase job (over partials)
 * share it.
 */
import { MAX_TIMESTAMP } from '@ecom/windowing';
import type { JobResult } from '../../runtime/stream-job.js';
import { markEarly } from '../early-results.js';
import { REVENUE_TOPIC, type RevenueJobConfig } from './options.js';
import type { RevenueJobMetrics } from './revenue-job-types.js';
import { revenueValue, type RevenueValue, type WindowFigures } from './revenue-value.js';

/**
 * One window as emission sees it: its order count, the value last emitted (`null`: none visible; an open window's
 * is early) and whether its figures are frozen (past the correction horizon, kept only for the next window's trend).
 *
 * @example
 * const w: EmittingWindow = { count: 2, emitted: null, frozen: false };
 */
export interface EmittingWindow {
  readonly count: number;
  emitted: RevenueValue | null;
  readonly frozen: boolean;
}

/**
 * The windows emission reads: ascending starts, each window's state and figures, and the clean-up.
 *
 * @example
 * import { RevenueWindows } from './revenue-windows.js';
 * const store: RevenueFigures = new RevenueWindows();
 */
export interface RevenueFigures {
  get(start: number): EmittingWindow | undefined;
  figures(start: number): WindowFigures | undefined;
  /** A copy: emission deletes windows while it walks them. */
  ascending(): number[];
  freeze(start: number): void;
  delete(start: number): void;
}

/**
 * What emission reads and writes besides the windows: the watermark, the results not drained yet, the fired
 * windows to correct at the next flush and the counters.
 *
 * @example
 * const state: EmissionState = { watermark: 0, pending: [], changed: new Set(), metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 } };
 */
export interface EmissionState {
  watermark: number;
  pending: JobResult[];
  /**
   * Fired windows whose figures (or whose previous window's) changed since the last flush, and open windows with an
   * early result that lost every order (retracted at the flush).
   */
  readonly changed: Set<number>;
  readonly metrics: RevenueJobMetrics;
}

/** `a + b`, at most `MAX_TIMESTAMP` (window times plus a large horizon). */
const later = (a: number, b: number): number => Math.min(a + b, MAX_TIMESTAMP);

const VALUE_FIELDS = [
  'metric',
  'window_start',
  'window_end',
  'total_orders',
  'total_revenue',
  'window_duration_minutes',
  'average_order_value',
  'unique_customers',
  'trend_revenue_abs',
  'trend_revenue_pct',
  'trend_orders_abs',
  'final',
] as const satisfies readonly (keyof RevenueValue)[];

/** Whether two values are equal field by field (all fields are strings, numbers or `null`). */
const sameValue = (a: RevenueValue | null, b: RevenueValue | null): boolean =>
  a === b || (a !== null && b !== null && VALUE_FIELDS.every((field) => a[field] === b[field]));

/**
 * Whether the window starting at `start` is past the correction horizon at `watermark`.
 *
 * @example
 * isExpired(0, 100_000, { windowSize: 60_000, correctionHorizon: 0 }); // true
 */
export function isExpired(start: number, watermark: number, config: RevenueJobConfig): boolean {
  return later(start + config.windowSize - 1, config.correctionHorizon) <= watermark;
}

/**
 * Emission of one revenue job (`job` is its `ResultId.job`) over `store`.
 *
 * @example
 * import { MIN_TIMESTAMP } from '@ecom/windowing';
 * import { RevenueWindows } from './revenue-windows.js';
 * const windows = new RevenueWindows();
 * const state: EmissionState = { watermark: MIN_TIMESTAMP, pending: [], changed: new Set(), metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 } };
 * const emission = new RevenueEmission('revenue', { windowSize: 60_000, correctionHorizon: 86_400_000 }, windows, () => state);
 * windows.add(1, { window: 0, cents: 100n, customer: 7 });
 * emission.advance(59_999); // state.pending: the window's result
 */
export class RevenueEmission {
  constructor(
    private readonly job: string,
    private readonly config: RevenueJobConfig,
    private readonly store: RevenueFigures,
    private readonly state: () => EmissionState,
  ) {}

  /**
   * Event time advanced to `watermark` (greater than the state's): fires the windows it closes (in window order:
   * each reads its previous one), then freezes and forgets the windows past the horizon.
   */
  advance(watermark: number): void {
    this.flush(); // corrections first, at the watermark they were made under
    const state = this.state();
    const before = state.watermark;
    state.watermark = watermark;
    const { windowSize: size, correctionHorizon } = this.config;
    const fired = this.store.ascending().filter((start) => start + size - 1 <= watermark);
    for (const start of fired) if (start + size - 1 > before) this.refresh(start, 'firing');
    for (const start of fired) {
      const fire = start + size - 1;
      if (later(fire, correctionHorizon) <= watermark) this.store.freeze(start);
      // Kept frozen while the next window can still change: its trend reads these figures.
      if (later(fire + size, correctionHorizon) <= watermark) this.store.delete(start);
    }
  }

  /**
   * A change left window `from` and joined `to`: those and the window after each (its trend depends on them) are
   * corrected at the next flush if they fired; a window that has not fired and has no orders is forgotten.
   */
  refreshAround(from: number | undefined, to: number | undefined): void {
    const size = this.config.windowSize;
    for (const start of [from, to]) {
      if (start === undefined) continue;
      this.touch(start);
      this.touch(start + size);
    }
  }

  /** Emits the corrections of the fired windows changed since the last flush, in window order. */
  flush(): void {
    const { changed } = this.state();
    if (changed.size === 0) return;
    for (const start of [...changed].sort((a, b) => a - b)) this.refresh(start, 'correction');
    changed.clear();
  }

  /**
   * Emits the current figures of the windows the watermark has not reached yet as early results (`final: false`),
   * those whose value changed since their last early result, in window order. Their firing replaces them.
   */
  emitEarly(): void {
    const watermark = this.state().watermark;
    const size = this.config.windowSize;
    const starts = this.store.ascending();
    let first = starts.length;
    while (first > 0 && (starts[first - 1] as number) + size - 1 > watermark) first--;
    for (const start of starts.slice(first)) this.refresh(start, 'early');
  }

  private touch(start: number): void {
    const w = this.store.get(start);
    if (w === undefined || w.frozen) return;
    const state = this.state();
    if (start + this.config.windowSize - 1 <= state.watermark) state.changed.add(start);
    else if (w.count === 0 && w.emitted === null) this.store.delete(start);
    else if (w.count === 0) state.changed.add(start); // its early result is retracted at the flush
  }

  /**
   * Emits the window's value if it changed since its last result: a fired window's (`null` once it lost every
   * order), an open window's early value when asked (`'early'`), or the retraction of an open window's early result
   * once it has no orders. Forgets a window without orders. Early results are not counted in the metrics.
   */
  private refresh(start: number, why: 'firing' | 'correction' | 'early'): void {
    const { store } = this;
    const state = this.state();
    const w = store.get(start);
    const size = this.config.windowSize;
    if (w === undefined || w.frozen) return;
    const fired = start + size - 1 <= state.watermark;
    if (fired || why === 'early' || w.count === 0) {
      const figures = store.figures(start);
      const current =
        figures && w.count > 0 ? revenueValue(figures, store.figures(start - size), size) : null;
      const value = current !== null && !fired ? markEarly(current) : current;
      if (!sameValue(value, w.emitted)) {
        const id = { job: this.job, windowStart: start, windowEnd: start + size, key: 'all' };
        state.pending.push({ topic: REVENUE_TOPIC, id, value });
        w.emitted = value;
        if (fired && value === null) state.metrics.retractions += 1;
        if (fired && value !== null) state.metrics.results += 1;
        if (fired && why === 'correction') state.metrics.corrections += 1;
      }
    }
    if (w.count === 0) store.delete(start);
  }
}
