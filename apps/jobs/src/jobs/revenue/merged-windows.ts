/**
 * The merging stage's windows: per window, the latest partial of each input (source partition) and their sum:
 * orders, revenue, and the distinct customers over all inputs (a count of the inputs that hold each customer).
 */
import type { EmittingWindow, RevenueFigures } from './revenue-emission.js';
import type { RevenuePartial } from './revenue-partial.js';
import type { RevenueValue, WindowFigures } from './revenue-value.js';

/**
 * One merged window.
 *
 * @example
 * const w: MergedWindow = { start: 0, count: 0, cents: 0n, customers: new Map(), parts: new Map(), emitted: null, frozen: false };
 */
export interface MergedWindow extends EmittingWindow {
  readonly start: number;
  count: number;
  cents: bigint;
  /** customer id → inputs whose partial holds the customer. */
  readonly customers: Map<number, number>;
  /** input → its latest partial. */
  readonly parts: Map<string, RevenuePartial>;
  emitted: RevenueValue | null;
  frozen: boolean;
}

/**
 * The merged windows, in start order.
 *
 * @example
 * const windows = new MergedWindows();
 * windows.put('orders:0', { start: 0, orders: 2, cents: 300n, customers: [7] });
 * windows.put('orders:1', { start: 0, orders: 1, cents: 100n, customers: [7, 8] });
 * windows.figures(0); // { start: 0, count: 3, cents: 400n, customers: 2 }
 */
export class MergedWindows implements RevenueFigures {
  private readonly byStart = new Map<number, MergedWindow>();
  private starts: number[] = [];

  get(start: number): MergedWindow | undefined {
    return this.byStart.get(start);
  }

  figures(start: number): WindowFigures | undefined {
    const w = this.byStart.get(start);
    return w && { start, count: w.count, cents: w.cents, customers: w.customers.size };
  }

  ascending(): number[] {
    return [...this.starts];
  }

  /** Replaces `input`'s partial of window `p.start` (creating the window); a partial with no orders removes it. */
  put(input: string, p: RevenuePartial): void {
    let w = this.byStart.get(p.start);
    if (w === undefined) {
      w = {
        start: p.start,
        count: 0,
        cents: 0n,
        customers: new Map(),
        parts: new Map(),
        emitted: null,
        frozen: false,
      };
      this.byStart.set(p.start, w);
      this.starts.push(p.start);
      this.starts.sort((a, b) => a - b);
    }
    const old = w.parts.get(input);
    if (old !== undefined) {
      w.count -= old.orders;
      w.cents -= old.cents;
      for (const c of old.customers) {
        const n = (w.customers.get(c) ?? 1) - 1;
        if (n === 0) w.customers.delete(c);
        else w.customers.set(c, n);
      }
      w.parts.delete(input);
    }
    if (p.orders === 0) return;
    w.parts.set(input, p);
    w.count += p.orders;
    w.cents += p.cents;
    for (const c of p.customers) w.customers.set(c, (w.customers.get(c) ?? 0) + 1);
  }

  freeze(start: number): void {
    const w = this.byStart.get(start);
    if (w === undefined || w.frozen) return;
    w.frozen = true;
    w.parts.clear();
    w.customers.clear();
    w.emitted = null;
  }

  delete(start: number): void {
    if (!this.byStart.delete(start)) return;
    this.starts = this.starts.filter((s) => s !== start);
  }

  /** Every window, in start order (for snapshots). */
  all(): MergedWindow[] {
    return this.starts.map((start) => this.byStart.get(start) as MergedWindow);
  }

  /** Puts a frozen window (figures only) back from a snapshot. */
  loadFrozen(start: number, count: number, cents: bigint): void {
    if (this.byStart.has(start)) return;
    this.byStart.set(start, {
      start,
      count,
      cents,
      customers: new Map(),
      parts: new Map(),
      emitted: null,
      frozen: true,
    });
    this.starts.push(start);
    this.starts.sort((a, b) => a - b);
  }
}
