/**
 * The order/item side of the top-products job, shared by the single-process core and the scaled-out partial stage:
 * apply one change of orders or order_items to the join (or report it late, or ignore it), and drop what no
 * correction can change any more.
 */
import type { DomainRecord, Operation } from '@ecom/cdc';
import { planItemChange, planOrderChange } from './change-plan.js';
import type { LateChange, TopProductsMetrics } from './late-change.js';
import type { OrderItemJoin } from './order-item-join.js';
import type { TableChange } from './record-changes.js';

/**
 * Where a change came from, as a late report names it.
 *
 * @example
 * const origin: ChangeOrigin = { op: 'update', topic: 'ecommerce-cdc.public.orders', partition: 0, offset: '17' };
 */
export interface ChangeOrigin {
  readonly op: Operation | null;
  readonly topic: string | null;
  readonly partition: number | null;
  readonly offset: string | null;
}

/**
 * The origin of a decoded record.
 *
 * @example
 * import type { DomainRecord } from '@ecom/cdc';
 * declare const record: DomainRecord;
 * originOf(record).topic; // 'ecommerce-cdc.public.orders'
 */
export function originOf(record: DomainRecord): ChangeOrigin {
  const { event } = record;
  return {
    op: record.op,
    topic: event.topic,
    partition: event.partition ?? null,
    offset: event.offset === undefined ? null : String(event.offset),
  };
}

/**
 * The part of a job's state the join side reads and writes.
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * import { zeroMetrics } from './late-change.js';
 * const state: JoinState = { watermark: 0, join: new OrderItemJoin(60_000), late: [], metrics: zeroMetrics() };
 */
export interface JoinState {
  readonly watermark: number;
  readonly join: OrderItemJoin;
  readonly late: LateChange[];
  readonly metrics: TopProductsMetrics;
}

/** A change of orders or order_items. */
export type JoinChange = Extract<TableChange, { table: 'orders' | 'order_items' }>;

/**
 * Applies one change of orders or order_items: returns the windows whose figures change, or none when the change is
 * reported late (it would change a window `closed` for corrections) or ignored (it changes nothing counted).
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * import { zeroMetrics } from './late-change.js';
 * const state: JoinState = { watermark: 0, join: new OrderItemJoin(60_000), late: [], metrics: zeroMetrics() };
 * const origin: ChangeOrigin = { op: 'create', topic: null, partition: null, offset: null };
 * applyJoinChange(state, { table: 'orders', id: 1, after: { date: 0, status: 'paid' } }, origin, () => false); // [0]
 */
export function applyJoinChange(
  state: JoinState,
  change: JoinChange,
  origin: ChangeOrigin,
  closed: (window: number) => boolean,
): readonly number[] {
  const plan =
    change.table === 'orders'
      ? planOrderChange(state.join, change, closed)
      : planItemChange(state.join, change, closed);
  if (plan.action === 'late') {
    state.metrics.lateChanges++;
    state.late.push({
      reason: 'closed_window',
      table: change.table,
      op: origin.op,
      id: change.id,
      windowStart: plan.window,
      watermark: state.watermark,
      topic: origin.topic,
      partition: origin.partition,
      offset: origin.offset,
    });
    return [];
  }
  if (plan.action === 'ignore') {
    state.metrics.ignoredChanges++;
    return [];
  }
  if (change.table === 'orders') state.join.setOrder(change.id, change.after);
  else state.join.setItem(change.id, change.after);
  return plan.windows;
}

/**
 * Drops the orders and items of a window once the window after it (whose trending reads it) is closed, and the
 * items whose order never came before their `created_at` window closed (reported as orphans).
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * import { zeroMetrics } from './late-change.js';
 * const state: JoinState = { watermark: 0, join: new OrderItemJoin(60_000), late: [], metrics: zeroMetrics() };
 * evictJoin(state, () => true, 60_000); // nothing held: nothing dropped
 */
export function evictJoin(state: JoinState, closed: (window: number) => boolean, windowSize: number): void {
  const { join } = state;
  for (const window of [...join.windows()]) {
    if (closed(window + windowSize)) join.evictWindow(window);
  }
  for (const [id, item] of join.waitingItems()) {
    const windowStart = join.windowOf(item.createdAt);
    if (!closed(windowStart)) continue;
    join.setItem(id, undefined);
    state.metrics.orphanedItems++;
    state.late.push({
      reason: 'orphaned_item',
      table: 'order_items',
      op: null,
      id,
      windowStart,
      watermark: state.watermark,
      topic: null,
      partition: null,
      offset: null,
    });
  }
}
