/**
 * Options of the revenue job, their defaults and their validation.
 */
import { invalidOption } from '../job-error.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The revenue job's name (its `ResultId.job`, the name in its errors).
 *
 * @example
 * const name: string = REVENUE_JOB_NAME; // 'revenue'
 */
export const REVENUE_JOB_NAME = 'revenue';

/**
 * The output topic of the revenue job (the original's name).
 *
 * @example
 * const topic: string = REVENUE_TOPIC; // 'statistics_revenue'
 */
export const REVENUE_TOPIC = 'statistics_revenue';

/**
 * The window sizes the job is meant to run with: 1 minute (the default), 5 minutes and 1 hour. Any whole number
 * of minutes is accepted.
 *
 * @example
 * createRevenueJob({ windowSize: REVENUE_WINDOW_SIZES.fiveMinutes });
 */
export const REVENUE_WINDOW_SIZES = { oneMinute: MINUTE, fiveMinutes: 5 * MINUTE, oneHour: HOUR } as const;

/**
 * Options of {@link createRevenueJob}. Out-of-orderness is the runtime's (it computes the watermark).
 *
 * @example
 * const options: RevenueJobOptions = { windowSize: 3_600_000, correctionHorizon: 48 * 3_600_000 };
 */
export interface RevenueJobOptions {
  /** Tumbling window length in ms, a whole number of minutes (1 min default; 5 min and 1 h are the others). */
  readonly windowSize?: number;
  /**
   * How long (event time, ms) after a window's end its per-order state is kept for corrections: 24 h by default.
   * A change that would alter a window older than that is not applied and is reported as too late.
   */
  readonly correctionHorizon?: number;
}

/**
 * {@link RevenueJobOptions} with the defaults filled in, as the snapshot's `config` records them.
 *
 * @example
 * const config: RevenueJobConfig = { windowSize: 60_000, correctionHorizon: 86_400_000 };
 */
export interface RevenueJobConfig {
  readonly windowSize: number;
  readonly correctionHorizon: number;
}

/**
 * Validates the options and fills in the defaults; throws a `JobError` `INVALID_OPTION`.
 *
 * @example
 * resolveRevenueOptions({}); // { windowSize: 60000, correctionHorizon: 86400000 }
 */
export function resolveRevenueOptions(options: RevenueJobOptions = {}): RevenueJobConfig {
  const { windowSize = MINUTE, correctionHorizon = 24 * HOUR } = options;
  if (!Number.isSafeInteger(windowSize) || windowSize <= 0 || windowSize % MINUTE !== 0) {
    throw invalidOption(
      REVENUE_JOB_NAME,
      'windowSize',
      'a positive whole number of minutes in ms (60000, 300000, 3600000)',
      windowSize,
    );
  }
  if (!Number.isSafeInteger(correctionHorizon) || correctionHorizon < 0) {
    throw invalidOption(
      REVENUE_JOB_NAME,
      'correctionHorizon',
      'a non-negative integer of ms',
      correctionHorizon,
    );
  }
  return { windowSize, correctionHorizon };
}
