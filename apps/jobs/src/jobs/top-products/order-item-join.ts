/**
 * The join of order_items with orders, held in the job state: the latest order (event time, status) and line item
 * per primary key, indexed by the tumbling window of the order's `order_date`. An item whose order has not
 * arrived waits (it counts nowhere); when the order arrives, or its date changes, its items follow it. The running
 * per-product totals of every window follow each change.
 */
import { toMinorUnits } from '@ecom/domain';
import { windowStart } from '@ecom/windowing';
import { WindowSums, type ProductSum } from './product-sums.js';
import type { ItemFacts, OrderFacts } from './record-changes.js';

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const entries = index.get(key);
  if (entries?.delete(value) && entries.size === 0) index.delete(key);
}

/**
 * Orders and items by id, with the indexes the job reads: items per order, orders per window, the orders that
 * items wait for, and per window the totals of each product over the items that count there.
 *
 * @example
 * const join = new OrderItemJoin(60_000);
 * join.setItem(10, { orderId: 1, productId: 7, quantity: 2, price: '5.00', revenue: '10.00', createdAt: 30_000 });
 * join.setOrder(1, { date: 30_000, status: 'paid' });
 * join.totals(0)?.get(7); // { parts: 1, quantity: 2, cents: 1000n }: window [0, 60 000)
 */
export class OrderItemJoin {
  readonly orders = new Map<number, OrderFacts>();
  readonly items = new Map<number, ItemFacts>();
  /** order id → its item ids (an order has a few). */
  private readonly itemsByOrder = new Map<number, number[]>();
  private readonly ordersByWindow = new Map<number, Set<number>>();
  /** Orders that some items reference but that have not arrived (or were deleted). */
  private readonly awaited = new Set<number>();
  /** Per window, per product, the totals of the items that count there. */
  private readonly sums = new WindowSums();

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

  /** The window an order's items count in: its date's, `undefined` when it is unknown or cancelled. */
  private countedWindow(order: OrderFacts | undefined): number | undefined {
    return order === undefined || order.status === 'cancelled' ? undefined : this.windowOf(order.date);
  }

  /** Adds (`sign` 1) or removes (−1) an item's figures to its product's totals in `window` (none: nothing). */
  private count(window: number | undefined, item: ItemFacts, sign: 1 | -1): void {
    if (window === undefined) return;
    const cents = toMinorUnits(item.revenue);
    if (sign === 1) this.sums.add(window, item.productId, item.quantity, cents);
    else this.sums.remove(window, item.productId, item.quantity, cents);
  }

  /** Upserts an order, or deletes it (`undefined`): its items then wait for it again. */
  setOrder(id: number, order: OrderFacts | undefined): void {
    const old = this.orders.get(id);
    const from = this.countedWindow(old);
    const to = this.countedWindow(order);
    if (from !== to) {
      for (const itemId of this.itemsByOrder.get(id) ?? []) {
        const item = this.items.get(itemId) as ItemFacts;
        this.count(from, item, -1);
        this.count(to, item, 1);
      }
    }
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
      this.count(this.countedWindow(this.orders.get(old.orderId)), old, -1);
      const ofOrder = this.itemsByOrder.get(old.orderId) as number[];
      ofOrder.splice(ofOrder.indexOf(id), 1);
      if (ofOrder.length === 0) {
        this.itemsByOrder.delete(old.orderId);
        this.awaited.delete(old.orderId);
      }
    }
    if (item === undefined) {
      this.items.delete(id);
      return;
    }
    this.items.set(id, item);
    const ofOrder = this.itemsByOrder.get(item.orderId);
    if (ofOrder) ofOrder.push(id);
    else this.itemsByOrder.set(item.orderId, [id]);
    const order = this.orders.get(item.orderId);
    if (order === undefined) this.awaited.add(item.orderId);
    else this.count(this.countedWindow(order), item, 1);
  }

  /** Per product, the totals of the items that count in a window (its orders' that are not cancelled). */
  totals(window: number): ReadonlyMap<number, Readonly<ProductSum>> | undefined {
    return this.sums.of(window);
  }

  /** Windows that hold at least one order. */
  windows(): IterableIterator<number> {
    return this.ordersByWindow.keys();
  }

  /** Drops a window's orders and their items (the window is closed for corrections). */
  evictWindow(window: number): void {
    // Everything indexed under the window goes at once: its orders, their items (which count nowhere else) and the
    // window's totals. No item waits for these orders: they are here.
    for (const orderId of this.ordersByWindow.get(window) ?? []) {
      for (const itemId of this.itemsByOrder.get(orderId) ?? []) this.items.delete(itemId);
      this.itemsByOrder.delete(orderId);
      this.orders.delete(orderId);
    }
    this.ordersByWindow.delete(window);
    this.sums.drop(window);
  }

  /** Items waiting for an order, by ascending item id. */
  waitingItems(): [number, ItemFacts][] {
    const waiting: [number, ItemFacts][] = [];
    for (const orderId of this.awaited) {
      for (const itemId of this.itemsByOrder.get(orderId) ?? [])
        waiting.push([itemId, this.items.get(itemId) as ItemFacts]);
    }
    return waiting.sort((a, b) => a[0] - b[0]);
  }

  /** Sizes of the state: orders, items, items waiting for their order, windows. */
  size(): { orders: number; items: number; waitingItems: number; windows: number } {
    let waitingItems = 0;
    for (const orderId of this.awaited) waitingItems += this.itemsByOrder.get(orderId)?.length ?? 0;
    return {
      orders: this.orders.size,
      items: this.items.size,
      waitingItems,
      windows: this.ordersByWindow.size,
    };
  }
}
