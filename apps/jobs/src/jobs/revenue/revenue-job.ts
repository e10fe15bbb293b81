/**
 * The revenue job's pure core (issue 12 §2): exact revenue per event-time tumbling window of `orders`, each order
 * counted once at its current total, cancellations and deletes retracted, corrections of fired windows within a
 * correction horizon. See README.md for the semantics.
 */
import type { DomainRecord } from '@ecom/cdc';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { invalidWatermark } from '../job-error.js';
import { applyOrder } from './apply-order.js';
import {
  REVENUE_JOB_NAME,
  resolveRevenueOptions,
  type RevenueJobConfig,
  type RevenueJobOptions,
} from './options.js';
import type { RevenueJob, RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import { decodeRevenueState, encodeRevenueState, type RevenueState } from './revenue-snapshot.js';
import { RevenueEmission } from './revenue-emission.js';
import { RevenueWindows } from './revenue-windows.js';

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

  private readonly emission: RevenueEmission;
  private readonly touched = (from: number | undefined, to: number | undefined): void =>
    this.emission.refreshAround(from, to);

  constructor(readonly config: RevenueJobConfig) {
    this.emission = new RevenueEmission(
      this.name,
      config,
      {
        get: (start) => this.state.windows.get(start),
        figures: (start) => this.state.windows.figures(start),
        ascending: () => this.state.windows.ascending(),
        freeze: (start) => this.state.windows.freeze(start),
        delete: (start) => this.state.windows.delete(start),
      },
      () => this.state,
    );
  }

  get watermark(): number {
    return this.state.watermark;
  }

  get metrics(): Readonly<RevenueJobMetrics> {
    return { ...this.state.metrics };
  }

  onRecord(record: DomainRecord): void {
    applyOrder(this.state, this.config, record, this.touched);
  }

  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) {
      throw invalidWatermark(this.name, watermark);
    }
    if (watermark <= this.state.watermark) return;
    this.emission.advance(watermark);
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
