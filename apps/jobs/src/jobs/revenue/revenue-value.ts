/**
 * The value of one revenue result: the original's fields plus average, unique customers and the trend.
 */
import { fromEpochMillis } from '@ecom/domain';
import { divideHalfEven, formatHundredths } from '../decimal.js';

/**
 * One window's figures, as the value is built from them.
 *
 * @example
 * const figures: WindowFigures = { start: 0, count: 2, cents: 15_000n, customers: 1 };
 */
export interface WindowFigures {
  /** Window start, epoch ms. */
  readonly start: number;
  readonly count: number;
  /** Revenue in hundredths. */
  readonly cents: bigint;
  /** Distinct customers. */
  readonly customers: number;
}

/**
 * The `value` of a `statistics_revenue` result. Money and percentages are exact decimal strings with two
 * fraction digits; the trend fields are `null` without a previous window (see the README).
 *
 * @example
 * const v: RevenueValue = revenueValue({ start: 0, count: 2, cents: 15_000n, customers: 1 }, undefined, 60_000);
 * v.average_order_value; // '75.00'
 */
export type RevenueValue = {
  readonly metric: 'revenue';
  /** ISO-8601 UTC, inclusive. */
  readonly window_start: string;
  /** ISO-8601 UTC, exclusive. */
  readonly window_end: string;
  /** Orders in the window, each once, cancelled and deleted ones excluded. */
  readonly total_orders: number;
  /** Σ current `total_price`. */
  readonly total_revenue: string;
  readonly window_duration_minutes: number;
  /** total_revenue / total_orders, 2 places, half-even. */
  readonly average_order_value: string;
  readonly unique_customers: number;
  /** total_revenue − the previous window's. */
  readonly trend_revenue_abs: string | null;
  /** (total_revenue − previous) / previous × 100, 2 places, half-even; `null` when the previous revenue is 0. */
  readonly trend_revenue_pct: string | null;
  /** total_orders − the previous window's. */
  readonly trend_orders_abs: number | null;
  /** `false` on an early result (the window is still open); absent on final results and corrections. */
  readonly final?: false;
};

/**
 * Builds a window's value from its figures and those of the window just before it (`undefined` or no orders:
 * no trend).
 *
 * @example
 * const v = revenueValue(
 *   { start: 60_000, count: 1, cents: 15_000n, customers: 1 },
 *   { start: 0, count: 2, cents: 10_000n, customers: 2 },
 *   60_000,
 * );
 * [v.trend_revenue_abs, v.trend_revenue_pct, v.trend_orders_abs]; // ['50.00', '50.00', -1]
 */
export function revenueValue(
  current: WindowFigures,
  previous: WindowFigures | undefined,
  windowSize: number,
): RevenueValue {
  const prev = previous !== undefined && previous.count > 0 ? previous : undefined;
  const diff = prev === undefined ? 0n : current.cents - prev.cents;
  return {
    metric: 'revenue',
    window_start: fromEpochMillis(current.start),
    window_end: fromEpochMillis(current.start + windowSize),
    total_orders: current.count,
    total_revenue: formatHundredths(current.cents),
    window_duration_minutes: windowSize / 60_000,
    average_order_value: formatHundredths(divideHalfEven(current.cents, BigInt(Math.max(current.count, 1)))),
    unique_customers: current.customers,
    trend_revenue_abs: prev === undefined ? null : formatHundredths(diff),
    trend_revenue_pct:
      prev === undefined || prev.cents === 0n
        ? null
        : formatHundredths(divideHalfEven(diff * 10_000n, prev.cents)),
    trend_orders_abs: prev === undefined ? null : current.count - prev.count,
  };
}
