/**
 * The merging stage's totals: per window and product, each partial stage's latest totals (an upsert replaces that
 * stage's previous ones) and their running sum, so a firing reads the sums instead of adding the inputs up again.
 */
import { WindowSums, type ProductSum } from './product-sums.js';

/**
 * One input's totals of one product in one window: quantity and revenue in hundredths.
 *
 * @example
 * const t: InputTotals = { quantity: 2, cents: 1_000n };
 */
export interface InputTotals {
  readonly quantity: number;
  readonly cents: bigint;
}

/**
 * Per window, per product, per input, the latest totals, and per window and product their sum.
 *
 * @example
 * const merged = new MergedTotals();
 * merged.put(0, 7, 'keyed:0', { quantity: 2, cents: 1_000n });
 * merged.put(0, 7, 'keyed:1', { quantity: 1, cents: 500n });
 * merged.put(0, 7, 'keyed:0', null);
 * merged.sums(0)?.get(7); // { parts: 1, quantity: 1, cents: 500n }
 */
export class MergedTotals {
  /** window → product → input → that input's totals. */
  private readonly parts = new Map<number, Map<number, Map<string, InputTotals>>>();
  private readonly summed = new WindowSums();

  /** Replaces `input`'s totals of a product in a window (`null`: it has none there any more). */
  put(window: number, productId: number, input: string, totals: InputTotals | null): void {
    let products = this.parts.get(window);
    if (products === undefined) this.parts.set(window, (products = new Map()));
    let byInput = products.get(productId);
    if (byInput === undefined) products.set(productId, (byInput = new Map()));
    const old = byInput.get(input);
    if (old !== undefined) this.summed.remove(window, productId, old.quantity, old.cents);
    if (totals === null) byInput.delete(input);
    else {
      byInput.set(input, totals);
      this.summed.add(window, productId, totals.quantity, totals.cents);
    }
    if (byInput.size === 0) products.delete(productId);
    if (products.size === 0) this.parts.delete(window);
  }

  /** Per product, the sum over the inputs in a window; `undefined` when no input has a product there. */
  sums(window: number): ReadonlyMap<number, Readonly<ProductSum>> | undefined {
    return this.summed.of(window);
  }

  /** Windows with totals. */
  windows(): IterableIterator<number> {
    return this.parts.keys();
  }

  /** Forgets a window. */
  drop(window: number): void {
    this.parts.delete(window);
    this.summed.drop(window);
  }

  /** Every window's totals by product and input (for snapshots). */
  entries(): IterableIterator<[number, ReadonlyMap<number, ReadonlyMap<string, InputTotals>>]> {
    return this.parts.entries();
  }

  /** Windows with totals. */
  get size(): number {
    return this.parts.size;
  }
}
