/** Everything a top-products job holds between calls, as one value (what snapshot/restore carry). */
import type { JobResult } from '../../runtime/stream-job.js';
import { EmittedResults } from './emitted-results.js';
import { zeroMetrics, type LateChange, type TopProductsMetrics } from './late-change.js';
import type { TopProductsConfig } from './options.js';
import { OrderItemJoin } from './order-item-join.js';
import { ProductTable } from './product-table.js';
import { MIN_TIMESTAMP } from '@ecom/windowing';

/**
 * The state of a job: the watermark, the order/item join, the product and category tables, the last emitted rows
 * per window, the windows to recompute, and the outputs and late reports not drained yet.
 *
 * @example
 * const state = emptyState(topProductsConfig({}));
 * state.watermark; // MIN_TIMESTAMP: nothing has fired
 */
export interface TopProductsState {
  watermark: number;
  readonly join: OrderItemJoin;
  readonly table: ProductTable;
  readonly emitted: EmittedResults;
  /** Window starts whose rows may have changed; recomputed once the watermark has reached their end − 1. */
  readonly dirty: Set<number>;
  readonly output: JobResult[];
  readonly late: LateChange[];
  readonly metrics: TopProductsMetrics;
}

/**
 * A fresh state for a job built with `config`.
 *
 * @example
 * emptyState(topProductsConfig({ windowSize: 300_000 })).join.windowSize; // 300000
 */
export function emptyState(config: TopProductsConfig): TopProductsState {
  return {
    watermark: MIN_TIMESTAMP,
    join: new OrderItemJoin(config.windowSize),
    table: new ProductTable(),
    emitted: new EmittedResults(config.name, config.windowSize),
    dirty: new Set(),
    output: [],
    late: [],
    metrics: zeroMetrics(),
  };
}
