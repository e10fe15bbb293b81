/**
 * The join of order_items with orders, held in the job state: the latest order (event time, status) and line item
 * per primary key, indexed by the tumbling window of the order's `order_date`. An item whose order has not
 * arrived waits (it counts nowhere); when the order arrives, or its date changes, its items follow it.
 */
import { windowStart } from '@ecom/windowing';
import type { ItemFacts, OrderFacts } from './record-changes.js';

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function removeFrom<K, V>(index: Map<K, Set<V> | Map<V, unknown>>, key: K, value: V): void {
  const entries = index.get(key);
  if (entries?.delete(value) && entries.size === 0) index.delete(key);
}

/**
 * Orders and items by id, with the indexes the job reads: items per order, orders per window, and the orders that
 * items wait for.
 *
 * @example
 * const join = new OrderItemJoin(60_000);
 * join.setItem(10, { orderId: 1, productId: 7, quantity: 2, price: '5.00', revenue: '10.00', createdAt: 30_000 });
 * join.setOrder(1, { date: 30_000, status: 'paid' });
 * [...join.countedItems(0)].length; // 1: window [0, 60 000)
 */
export class OrderItemJoin {
  readonly orders = new Map<number, OrderFacts>();
  readonly items = new Map<number, ItemFacts>();
  private readonly itemsByOrder = new Map<number, Map<number, ItemFacts>>();
  private readonly ordersByWindow = new Map<number, Set<number>>();
  /** Orders that some items reference but that have not arrived (or were deleted). */
  private readonly awaited = new Set<number>();

  constructor(readonly windowSize: number) {}

  /** Start of the window holding `time`. */
  windowOf(time: number): number {
    return windowStart(time, 0, this.windowSize);
  }

  /** The window an item counts in (its order's), `undefined` while the order is unknown. */
  itemWindow(item: ItemFacts): number | undefined {
    const order = this.orders.get(item.orderId);
    return order === undefined ? undefined : this.windowOf(order.date);
  }

  /** Upserts an order, or deletes it (`undefined`): its items then wait for it again. */
  setOrder(id: number, order: OrderFacts | undefined): void {
    const old = this.orders.get(id);
    if (old !== undefined) removeFrom(this.ordersByWindow, this.windowOf(old.date), id);
    if (order === undefined) {
      this.orders.delete(id);
      if (this.itemsByOrder.has(id)) this.awaited.add(id);
      return;
    }
    this.orders.set(id, order);
    addTo(this.ordersByWindow, this.windowOf(order.date), id);
    this.awaited.delete(id);
  }

  /** Upserts a line item, or deletes it (`undefined`). */
  setItem(id: number, item: ItemFacts | undefined): void {
    const old = this.items.get(id);
    if (old !== undefined) {
      removeFrom(this.itemsByOrder, old.orderId, id);
      if (!this.itemsByOrder.has(old.orderId)) this.awaited.delete(old.orderId);
    }
    if (item === undefined) {
      this.items.delete(id);
      return;
    }
    this.items.set(id, item);
    const ofOrder = this.itemsByOrder.get(item.orderId);
    if (ofOrder) ofOrder.set(id, item);
    else this.itemsByOrder.set(item.orderId, new Map([[id, item]]));
    if (!this.orders.has(item.orderId)) this.awaited.add(item.orderId);
  }

  /** The items that count in a window: those of its orders that are not cancelled. */
  *countedItems(window: number): Generator<ItemFacts> {
    for (const orderId of this.ordersByWindow.get(window) ?? []) {
      if (this.orders.get(orderId)?.status === 'cancelled') continue;
      yield* this.itemsByOrder.get(orderId)?.values() ?? [];
    }
  }

  /** Windows that hold at least one order. */
  windows(): IterableIterator<number> {
    return this.ordersByWindow.keys();
  }

  /** Drops a window's orders and their items (the window is closed for corrections). */
  evictWindow(window: number): void {
    for (const orderId of [...(this.ordersByWindow.get(window) ?? [])]) {
      for (const itemId of [...(this.itemsByOrder.get(orderId)?.keys() ?? [])])
        this.setItem(itemId, undefined);
      this.setOrder(orderId, undefined);
    }
  }

  /** Items waiting for an order, by ascending item id. */
  waitingItems(): [number, ItemFacts][] {
    const waiting: [number, ItemFacts][] = [];
    for (const orderId of this.awaited) {
      waiting.push(...(this.itemsByOrder.get(orderId) ?? []));
    }
    return waiting.sort((a, b) => a[0] - b[0]);
  }

  /** Sizes of the state: orders, items, items waiting for their order, windows. */
  size(): { orders: number; items: number; waitingItems: number; windows: number } {
    let waitingItems = 0;
    for (const orderId of this.awaited) waitingItems += this.itemsByOrder.get(orderId)?.size ?? 0;
    return {
      orders: this.orders.size,
      items: this.items.size,
      waitingItems,
      windows: this.ordersByWindow.size,
    };
  }
}
