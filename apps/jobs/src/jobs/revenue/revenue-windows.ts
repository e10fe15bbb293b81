/**
 * The revenue job's state: per window, the orders it holds (id → cents and customer) and its running figures,
 * plus an index order id → window, so that an update, a cancellation or a move finds the order's old window.
 */
import type { OrderContribution } from './order-change.js';
import type { RevenueValue, WindowFigures } from './revenue-value.js';

/**
 * The cents and customer of one order in its window.
 *
 * @example
 * const entry: OrderEntry = { cents: 12_990n, customer: 7 };
 */
export interface OrderEntry {
  readonly cents: bigint;
  readonly customer: number;
}

/**
 * One window's state. `orders` is `null` once the window is past the correction horizon: its figures are then
 * frozen and kept only as the next window's previous one (for its trend).
 *
 * @example
 * const w: RevenueWindow = { start: 0, count: 0, cents: 0n, customers: new Map(), orders: new Map(), frozen: false, emitted: null };
 */
export interface RevenueWindow {
  readonly start: number;
  count: number;
  cents: bigint;
  /** customer id → orders of that customer in the window. */
  readonly customers: Map<number, number>;
  orders: Map<number, OrderEntry> | null;
  /** `orders === null`: past the horizon. */
  frozen: boolean;
  /** The value last emitted for the window; `null` when none is visible (never emitted, or retracted). */
  emitted: RevenueValue | null;
}

function insertSorted(sorted: number[], value: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
}

/**
 * The windows of the revenue job, in start order, and which window holds each order.
 *
 * @example
 * const windows = new RevenueWindows();
 * windows.add(1, { window: 0, cents: 12_990n, customer: 7 });
 * windows.figures(0); // { start: 0, count: 1, cents: 12990n, customers: 1 }
 */
export class RevenueWindows {
  private readonly byStart = new Map<number, RevenueWindow>();
  private readonly starts: number[] = [];
  private readonly orderWindow = new Map<number, number>();

  /** The window starting at `start`, if it has state. */
  get(start: number): RevenueWindow | undefined {
    return this.byStart.get(start);
  }

  /** The figures of the window starting at `start`, if it has state. */
  figures(start: number): WindowFigures | undefined {
    const w = this.byStart.get(start);
    return w && { start, count: w.count, cents: w.cents, customers: w.customers.size };
  }

  /** The earliest window start, if any window has state. */
  oldest(): number | undefined {
    return this.starts[0];
  }

  /** Window starts in ascending order (a copy: the caller may change the windows while iterating). */
  ascending(): number[] {
    return [...this.starts];
  }

  /** The order's current contribution, if a window within the horizon holds it. */
  contribution(orderId: number): OrderContribution | undefined {
    const start = this.orderWindow.get(orderId);
    const entry = start === undefined ? undefined : this.byStart.get(start)?.orders?.get(orderId);
    return entry && start !== undefined
      ? { window: start, cents: entry.cents, customer: entry.customer }
      : undefined;
  }

  /** Adds an order (not held by any window) to `c.window`, creating the window's state. */
  add(orderId: number, c: OrderContribution): void {
    let w = this.byStart.get(c.window);
    if (w === undefined) {
      w = {
        start: c.window,
        count: 0,
        cents: 0n,
        customers: new Map(),
        orders: new Map(),
        frozen: false,
        emitted: null,
      };
      this.byStart.set(c.window, w);
      insertSorted(this.starts, c.window);
    }
    w.orders?.set(orderId, { cents: c.cents, customer: c.customer });
    w.count += 1;
    w.cents += c.cents;
    w.customers.set(c.customer, (w.customers.get(c.customer) ?? 0) + 1);
    this.orderWindow.set(orderId, c.window);
  }

  /** Removes an order from its window (the window's state stays, possibly empty, until {@link delete}). */
  remove(orderId: number): void {
    const c = this.contribution(orderId);
    const w = c && this.byStart.get(c.window);
    if (c === undefined || w === undefined) return;
    w.orders?.delete(orderId);
    w.count -= 1;
    w.cents -= c.cents;
    const n = (w.customers.get(c.customer) ?? 1) - 1;
    if (n === 0) w.customers.delete(c.customer);
    else w.customers.set(c.customer, n);
    this.orderWindow.delete(orderId);
  }

  /** Drops the window's per-order state and keeps its figures (past the correction horizon). */
  freeze(start: number): void {
    const w = this.byStart.get(start);
    if (w?.orders == null) return;
    for (const orderId of w.orders.keys()) this.orderWindow.delete(orderId);
    w.orders = null;
    w.frozen = true;
    w.customers.clear();
    w.emitted = null;
  }

  /** Forgets the window. */
  delete(start: number): void {
    this.freeze(start);
    if (!this.byStart.delete(start)) return;
    this.starts.splice(this.starts.indexOf(start), 1);
  }

  /** Every window, in start order (for snapshots). */
  all(): RevenueWindow[] {
    return this.starts.map((start) => this.byStart.get(start) as RevenueWindow);
  }

  /**
   * Puts a window read from a snapshot back, with its orders indexed; `false` (nothing changed) when its start or
   * one of its orders is already taken.
   */
  load(w: RevenueWindow): boolean {
    const ids = [...(w.orders?.keys() ?? [])];
    if (this.byStart.has(w.start) || ids.some((id) => this.orderWindow.has(id))) return false;
    this.byStart.set(w.start, w);
    insertSorted(this.starts, w.start);
    for (const id of ids) this.orderWindow.set(id, w.start);
    return true;
  }

  /** Windows with state and orders held within the horizon. */
  size(): { windows: number; orders: number } {
    return { windows: this.byStart.size, orders: this.orderWindow.size };
  }
}
