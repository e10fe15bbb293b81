/**
 * Running per-window, per-product totals: updated as line items (or a partial stage's totals) start or stop counting
 * in a window, so a firing reads a window's totals instead of summing its items again. Revenue is bigint hundredths
 * (exact, any size), quantity an integer.
 */

/**
 * One product's totals in one window: how many parts add up to them (line items, or partial stages), the quantity,
 * and the revenue in hundredths.
 *
 * @example
 * const sum: ProductSum = { parts: 2, quantity: 3, cents: 3_150n }; // two lines, 3 units, 31.50
 */
export interface ProductSum {
  parts: number;
  quantity: number;
  cents: bigint;
}

/**
 * Per window start, per product id, the running {@link ProductSum}. A product is in a window while at least one
 * part counts there; a window is kept while it has a product.
 *
 * @example
 * const sums = new WindowSums();
 * sums.add(0, 7, 2, 1_000n);
 * sums.add(0, 7, 1, 500n);
 * sums.remove(0, 7, 2, 1_000n);
 * sums.of(0)?.get(7); // { parts: 1, quantity: 1, cents: 500n }
 */
export class WindowSums {
  private readonly byWindow = new Map<number, Map<number, ProductSum>>();

  /** The products counted in a window, `undefined` when none. */
  of(window: number): ReadonlyMap<number, Readonly<ProductSum>> | undefined {
    return this.byWindow.get(window);
  }

  /** Windows with at least one product. */
  windows(): IterableIterator<number> {
    return this.byWindow.keys();
  }

  /** One part starts counting: adds its quantity and revenue to the product's totals in the window. */
  add(window: number, productId: number, quantity: number, cents: bigint): void {
    let products = this.byWindow.get(window);
    if (products === undefined) this.byWindow.set(window, (products = new Map()));
    const sum = products.get(productId);
    if (sum === undefined) products.set(productId, { parts: 1, quantity, cents });
    else {
      sum.parts += 1;
      sum.quantity += quantity;
      sum.cents += cents;
    }
  }

  /** One part stops counting (it was added with the same figures); the product or window goes with its last part. */
  remove(window: number, productId: number, quantity: number, cents: bigint): void {
    const products = this.byWindow.get(window);
    const sum = products?.get(productId);
    if (products === undefined || sum === undefined) return;
    if (sum.parts === 1) {
      products.delete(productId);
      if (products.size === 0) this.byWindow.delete(window);
      return;
    }
    sum.parts -= 1;
    sum.quantity -= quantity;
    sum.cents -= cents;
  }

  /** Forgets a window. */
  drop(window: number): void {
    this.byWindow.delete(window);
  }
}
