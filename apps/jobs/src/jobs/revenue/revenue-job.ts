/**
 * The revenue job's pure core (issue 12 §2): exact revenue per event-time tumbling window of `orders`, each order
 * counted once at its current total, cancellations and deletes retracted, corrections of fired windows within a
 * correction horizon. See README.md for the semantics.
 */
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { resolveRevenueOptions, type RevenueJobConfig, type RevenueJobOptions } from './options.js';
import { RevenueEmission } from './revenue-emission.js';
import type { RevenueJob } from './revenue-job-types.js';
import { RevenueOrdersCore } from './revenue-orders-core.js';
import { decodeRevenueState, encodeRevenueState } from './revenue-snapshot.js';

class RevenueJobCore extends RevenueOrdersCore implements RevenueJob {
  private readonly emission: RevenueEmission;
  protected readonly touched = (from: number | undefined, to: number | undefined): void =>
    this.emission.refreshAround(from, to);

  constructor(config: RevenueJobConfig) {
    super(config);
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

  protected advance(watermark: number): void {
    this.emission.advance(watermark);
  }

  override drain(): JobResult[] {
    this.emission.flush();
    return super.drain();
  }

  emitEarly(): void {
    this.emission.emitEarly();
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
