/**
 * What the single-process revenue core and the partial stage share: the orders state, the record rules
 * (`applyOrder`), the watermark guard, the counters and the drains. They differ in what a touched window and an
 * advancing watermark do.
 */
import type { DomainRecord } from '@ecom/cdc';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { JobResult } from '../../runtime/stream-job.js';
import { invalidWatermark } from '../job-error.js';
import { applyOrder } from './apply-order.js';
import { REVENUE_JOB_NAME, type RevenueJobConfig } from './options.js';
import type { RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import type { RevenueState } from './revenue-snapshot.js';
import { RevenueWindows } from './revenue-windows.js';

/**
 * The base of the revenue cores over `orders`.
 *
 * @example
 * class Quiet extends RevenueOrdersCore {
 *   protected readonly touched = () => undefined;
 *   protected advance(watermark: number): void {
 *     this.state.watermark = watermark;
 *   }
 * }
 * new Quiet({ windowSize: 60_000, correctionHorizon: 0 }).onWatermark(0);
 */
export abstract class RevenueOrdersCore {
  readonly name = REVENUE_JOB_NAME;
  readonly tables = ['orders'] as const;
  protected state: RevenueState = {
    windows: new RevenueWindows(),
    watermark: MIN_TIMESTAMP,
    pending: [],
    changed: new Set(),
    tooLate: [],
    metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 },
  };

  constructor(readonly config: RevenueJobConfig) {}

  /** What happens to the windows an order left (`from`) and joined (`to`). */
  protected abstract readonly touched: (from: number | undefined, to: number | undefined) => void;

  /** Event time advanced to `watermark`, greater than the state's. */
  protected abstract advance(watermark: number): void;

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
    if (!Number.isSafeInteger(watermark)) throw invalidWatermark(this.name, watermark);
    if (watermark > this.state.watermark) this.advance(watermark);
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
}
