/**
 * The revenue job's pure core (issue 12 §2): exact revenue per event-time tumbling window of `orders`, each order
 * counted once at its current total, cancellations and deletes retracted, corrections of fired windows within a
 * correction horizon. See README.md for the semantics.
 */
import type { DomainRecord } from '@ecom/cdc';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '@ecom/windowing';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { invalidWatermark } from '../job-error.js';
import { readOrderChange, type OrderContribution } from './order-change.js';
import {
  REVENUE_JOB_NAME,
  REVENUE_TOPIC,
  resolveRevenueOptions,
  type RevenueJobConfig,
  type RevenueJobOptions,
} from './options.js';
import type { RevenueJob, RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import { decodeRevenueState, encodeRevenueState, type RevenueState } from './revenue-snapshot.js';
import { revenueValue, type RevenueValue } from './revenue-value.js';
import { RevenueWindows } from './revenue-windows.js';

const same = (a: OrderContribution | null, b: OrderContribution | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.window === b.window && a.cents === b.cents && a.customer === b.customer);

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
] as const satisfies readonly (keyof RevenueValue)[];

/** Whether two values are equal field by field (all fields are strings, numbers or `null`). */
const sameValue = (a: RevenueValue | null, b: RevenueValue | null): boolean =>
  a === b || (a !== null && b !== null && VALUE_FIELDS.every((field) => a[field] === b[field]));

/** `a + b`, at most `MAX_TIMESTAMP` (window times plus a large horizon). */
const later = (a: number, b: number): number => Math.min(a + b, MAX_TIMESTAMP);

class RevenueJobCore implements RevenueJob {
  readonly name = REVENUE_JOB_NAME;
  readonly tables = ['orders'] as const;
  private state: RevenueState = {
    windows: new RevenueWindows(),
    watermark: MIN_TIMESTAMP,
    pending: [],
    tooLate: [],
    metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 },
  };

  constructor(readonly config: RevenueJobConfig) {}

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<RevenueJobMetrics> {
    return { ...this.state.metrics };
  }

  onRecord(record: DomainRecord): void {
    const { orderId, next, previous } = readOrderChange(record, this.config.windowSize);
    const { windows, metrics } = this.state;
    metrics.records += 1;
    const known = windows.contribution(orderId);
    if (known !== undefined && same(known, next)) return;
    // Without state for the order, `before` tells whether it counted in a window past the horizon.
    const unchanged = known === undefined && previous !== undefined && same(previous, next);
    const late: number[] = [];
    if (known === undefined && previous && !unchanged && this.expired(previous.window))
      late.push(previous.window);
    const add = next !== null && !this.expired(next.window);
    if (next !== null && !add && !unchanged && !late.includes(next.window)) late.push(next.window);
    if (known !== undefined) windows.remove(orderId);
    if (add) windows.add(orderId, next);
    if (late.length > 0) {
      metrics.tooLate += 1;
      const watermark = this.state.watermark;
      this.state.tooLate.push({
        orderId,
        op: record.op,
        eventTime: record.eventTime,
        windows: late,
        watermark,
      });
    }
    this.refreshAround(known?.window, add ? next.window : undefined);
  }

  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) {
      throw invalidWatermark(this.name, watermark);
    }
    const before = this.state.watermark;
    if (watermark <= before) return;
    this.state.watermark = watermark;
    const { windowSize: size, correctionHorizon } = this.config;
    const { windows } = this.state;
    const fired = windows.ascending().filter((start) => start + size - 1 <= watermark);
    // Every firing first (in window order: each reads its previous window), then the clean-up.
    for (const start of fired) if (start + size - 1 > before) this.refresh(start, true);
    for (const start of fired) {
      const fire = start + size - 1;
      if (later(fire, correctionHorizon) <= watermark) windows.freeze(start);
      // Kept frozen while the next window can still change: its trend reads these figures.
      if (later(fire + size, correctionHorizon) <= watermark) windows.delete(start);
    }
  }

  drain(): JobResult[] {
    const out = this.state.pending;
    this.state.pending = [];
    return out;
  }

  drainTooLate(): TooLateChange[] {
    const out = this.state.tooLate;
    this.state.tooLate = [];
    return out;
  }

  stateSize(): { windows: number; orders: number } {
    return this.state.windows.size();
  }

  snapshot(): JsonValue {
    return encodeRevenueState(this.state, this.config);
  }

  restore(snapshot: JsonValue): void {
    this.state = decodeRevenueState(snapshot, this.config);
  }

  /** Whether the window starting at `start` is past the correction horizon. */
  private expired(start: number): boolean {
    return later(start + this.config.windowSize - 1, this.config.correctionHorizon) <= this.state.watermark;
  }

  /**
   * Refreshes the windows an order left (`from`) and joined (`to`) and the window after each (its trend depends
   * on them), each once, in ascending order. Window starts are multiples of the window size.
   */
  private refreshAround(from: number | undefined, to: number | undefined): void {
    const size = this.config.windowSize;
    const lo = from === undefined ? to : to === undefined ? from : Math.min(from, to);
    const hi = from === undefined || to === undefined ? lo : Math.max(from, to);
    if (lo === undefined || hi === undefined) return;
    this.refresh(lo, false);
    if (hi !== lo) {
      if (hi !== lo + size) this.refresh(lo + size, false);
      this.refresh(hi, false);
    }
    this.refresh(hi + size, false);
  }

  /**
   * Emits the window's value if it fired and changed since its last result (`null` once it lost every order),
   * and forgets a window without orders.
   */
  private refresh(start: number, firing: boolean): void {
    const { windows, metrics } = this.state;
    const w = windows.get(start);
    const size = this.config.windowSize;
    if (w === undefined || w.orders === null) return;
    if (start + size - 1 <= this.state.watermark) {
      const figures = windows.figures(start);
      const value =
        figures && w.count > 0 ? revenueValue(figures, windows.figures(start - size), size) : null;
      if (!sameValue(value, w.emitted)) {
        const id = { job: this.name, windowStart: start, windowEnd: start + size, key: 'all' };
        this.state.pending.push({ topic: REVENUE_TOPIC, id, value });
        w.emitted = value;
        if (value === null) metrics.retractions += 1;
        else metrics.results += 1;
        if (!firing) metrics.corrections += 1;
      }
    }
    if (w.count === 0) windows.delete(start);
  }
}

/**
 * Creates the revenue job's core over the `orders` table: per tumbling event-time window of `windowSize` (by
 * `order_date`), the order count, exact revenue, average order value, unique customers and the trend against the
 * previous window, on topic `statistics_revenue` with `ResultId { job: 'revenue', windowStart, windowEnd, key:
 * 'all' }`. A window's result is emitted when the watermark passes its end; later changes (updates,
 * cancellations, deletes, moves) emit corrections for the same id, `value: null` when a window lost every order,
 * for `correctionHorizon` of event time after the window's end. Throws `INVALID_OPTION` for bad options.
 *
 * @example
 * const job = createRevenueJob({ windowSize: 300_000 });
 * job.onWatermark(Date.UTC(2026, 0, 1));
 * for (const result of job.drain()) console.log(result.id.windowStart, result.value?.total_revenue);
 */
export function createRevenueJob(options: RevenueJobOptions = {}): RevenueJob {
  return new RevenueJobCore(resolveRevenueOptions(options));
}
