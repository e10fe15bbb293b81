/**
 * The public types of the revenue job: the core's interface beyond `StreamJobCore`, its metrics and the report
 * of a change that came too late to be applied.
 */
import type { Operation } from '@ecom/cdc';
import type { StreamJobCore } from '../../runtime/stream-job.js';
import type { RevenueJobConfig } from './options.js';

/**
 * A change the job did not apply because a window it would alter is past the correction horizon (its per-order
 * state was dropped and its last result is final). The runtime logs or dead-letters these; they are never
 * dropped silently.
 *
 * @example
 * const report: TooLateChange = { orderId: 42, op: 'update', eventTime: 0, windows: [0], watermark: 90_000_000 };
 */
export interface TooLateChange {
  readonly orderId: number;
  readonly op: Operation;
  /** The record's event time (epoch ms). */
  readonly eventTime: number;
  /** Starts (epoch ms) of the windows past the horizon the change would have altered. */
  readonly windows: readonly number[];
  /** The watermark when the change arrived. */
  readonly watermark: number;
}

/**
 * Counters of the revenue job (kept in snapshots).
 *
 * @example
 * const m: RevenueJobMetrics = { records: 3, results: 2, corrections: 1, retractions: 0, tooLate: 0 };
 */
export interface RevenueJobMetrics {
  /** Records accepted by `onRecord` (valid ones, applied, unchanged or too late). */
  records: number;
  /** Results with a value (on-time firings and corrections). */
  results: number;
  /** Results emitted after a window's on-time firing (values and retractions). */
  corrections: number;
  /** Results with `value: null`: a fired window lost every order. */
  retractions: number;
  /** Changes reported as too late ({@link TooLateChange}). */
  tooLate: number;
}

/**
 * The revenue job's core: a `StreamJobCore` plus its configuration, watermark, metrics, state size and the
 * too-late side output.
 *
 * @example
 * const job: RevenueJob = createRevenueJob();
 * job.onWatermark(1_764_000_059_999);
 * const late: TooLateChange[] = job.drainTooLate();
 */
export interface RevenueJob extends StreamJobCore {
  readonly config: RevenueJobConfig;
  /** The latest watermark (`MIN_TIMESTAMP` of @ecom/windowing before the first). */
  readonly watermark: number;
  readonly metrics: Readonly<RevenueJobMetrics>;
  /** Returns and clears the too-late reports since the last call. */
  drainTooLate(): TooLateChange[];
  /** Windows with state, and orders whose state is kept for corrections. */
  stateSize(): { windows: number; orders: number };
  /** Early results of the open windows (`final: false`), see `StreamJobCore.emitEarly`. */
  emitEarly(): void;
}
