/** The job's reports of changes it could not count, and its counters. */
import type { Operation } from '@ecom/cdc';

/**
 * A change the job did not count, reported by `drainTooLate()` (and counted in the metrics):
 * - `closed_window`: the change would alter a window closed for corrections (`end − 1 + correctionHorizon ≤
 *   watermark`): a late cancellation, a date moved into or out of such a window, an item of an order in it;
 * - `orphaned_item`: a line item whose order never arrived before the window of its `created_at` closed.
 *
 * `windowStart` is the window concerned; `op`, `topic`, `partition` and `offset` locate the refused record (`null`
 * for an orphan, which the watermark evicts: no record is at hand).
 *
 * @example
 * const late: LateChange = {
 *   reason: 'closed_window', table: 'orders', op: 'update', id: 42, windowStart: 0, watermark: 90_000_000,
 *   topic: 'ecommerce-cdc.public.orders', partition: 0, offset: '17',
 * };
 */
export interface LateChange {
  readonly reason: 'closed_window' | 'orphaned_item';
  readonly table: 'orders' | 'order_items';
  readonly op: Operation | null;
  /** `order_id` or `order_item_id`. */
  readonly id: number;
  readonly windowStart: number;
  readonly watermark: number;
  readonly topic: string | null;
  readonly partition: number | null;
  readonly offset: string | null;
}

/**
 * Counters of a top-products job (snapshotted with it):
 * `records` accepted by `onRecord`; `lateChanges` and `orphanedItems` reported; `ignoredChanges` that changed no
 * figure of a dropped window (a status paid → shipped of an order closed for corrections); `firings` (window
 * computations); `results` and `retractions` emitted.
 *
 * @example
 * const m: TopProductsMetrics = { records: 0, lateChanges: 0, orphanedItems: 0, ignoredChanges: 0, firings: 0, results: 0, retractions: 0 };
 */
export interface TopProductsMetrics {
  records: number;
  lateChanges: number;
  orphanedItems: number;
  ignoredChanges: number;
  firings: number;
  results: number;
  retractions: number;
}

/**
 * Zero counters.
 *
 * @example
 * zeroMetrics().records; // 0
 */
export function zeroMetrics(): TopProductsMetrics {
  return {
    records: 0,
    lateChanges: 0,
    orphanedItems: 0,
    ignoredChanges: 0,
    firings: 0,
    results: 0,
    retractions: 0,
  };
}
