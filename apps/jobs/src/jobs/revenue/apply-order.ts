/**
 * Applies one `orders` record to the revenue windows: each order counted once, at its current total, in the window
 * of its `order_date`; cancellations and deletes removed; a change that would alter a window past the correction
 * horizon reported as too late instead. Shared by the single-process core and the partial stage.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { RevenueJobConfig } from './options.js';
import { readOrderChange, type OrderContribution } from './order-change.js';
import { isExpired } from './revenue-emission.js';
import type { RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import type { RevenueWindows } from './revenue-windows.js';

/**
 * The state an order change touches.
 *
 * @example
 * import { RevenueWindows } from './revenue-windows.js';
 * const state: OrderState = { windows: new RevenueWindows(), watermark: 0, tooLate: [], metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 } };
 */
export interface OrderState {
  readonly windows: RevenueWindows;
  readonly watermark: number;
  readonly tooLate: TooLateChange[];
  readonly metrics: RevenueJobMetrics;
}

const same = (a: OrderContribution | null, b: OrderContribution | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.window === b.window && a.cents === b.cents && a.customer === b.customer);

/**
 * Validates and applies `record` (throws a `JobError` before any change), then calls `touched(from, to)` with the
 * window the order left and the one it joined (`undefined` for none) when its windows changed.
 *
 * @example
 * import { RevenueWindows } from './revenue-windows.js';
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * const state: OrderState = { windows: new RevenueWindows(), watermark: 0, tooLate: [], metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 } };
 * applyOrder(state, { windowSize: 60_000, correctionHorizon: 86_400_000 }, record, (from, to) => console.log(from, to));
 */
export function applyOrder(
  state: OrderState,
  config: RevenueJobConfig,
  record: DomainRecord,
  touched: (from: number | undefined, to: number | undefined) => void,
): void {
  const { orderId, next, previous } = readOrderChange(record, config.windowSize);
  const { windows, metrics, watermark } = state;
  metrics.records += 1;
  const known = windows.contribution(orderId);
  if (known !== undefined && same(known, next)) return;
  // Without state for the order, `before` tells whether it counted in a window past the horizon.
  const unchanged = known === undefined && previous !== undefined && same(previous, next);
  const late: number[] = [];
  if (known === undefined && previous && !unchanged && isExpired(previous.window, watermark, config))
    late.push(previous.window);
  const add = next !== null && !isExpired(next.window, watermark, config);
  if (next !== null && !add && !unchanged && !late.includes(next.window)) late.push(next.window);
  if (known !== undefined) windows.remove(orderId);
  if (add) windows.add(orderId, next);
  if (late.length > 0) {
    metrics.tooLate += 1;
    state.tooLate.push({ orderId, op: record.op, eventTime: record.eventTime, windows: late, watermark });
  }
  touched(known?.window, add ? next.window : undefined);
}
