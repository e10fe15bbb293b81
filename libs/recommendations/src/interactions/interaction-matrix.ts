import type { WeightedInteraction } from './interaction.js';

/** A sparse matrix in compressed sparse row form: row `r`'s entries are `indices`/`values` in `[indptr[r], indptr[r+1])`. */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * The customer × product matrix of weighted interactions, with the maps between ids and dense indices. Rows are
 * customers in ascending id order, columns products in ascending id order; `byItem` is the transpose.
 *
 * @example
 * const matrix = InteractionMatrix.from(aggregateInteractions(events, { asOf }));
 * matrix.customerIds.length; // customers with at least one interaction
 */
export class InteractionMatrix {
  /** Customer id of each row. */
  readonly customerIds: Int32Array;
  /** Product id of each column. */
  readonly productIds: Int32Array;
  readonly byUser: CsrMatrix;
  readonly byItem: CsrMatrix;
  private readonly customerIndex = new Map<number, number>();
  private readonly productIndex = new Map<number, number>();

  private constructor(customerIds: number[], productIds: number[], cells: readonly WeightedInteraction[]) {
    this.customerIds = Int32Array.from(customerIds);
    this.productIds = Int32Array.from(productIds);
    customerIds.forEach((id, i) => this.customerIndex.set(id, i));
    productIds.forEach((id, i) => this.productIndex.set(id, i));
    const rowsOf = new Int32Array(cells.length);
    const colsOf = new Int32Array(cells.length);
    const weights = new Float64Array(cells.length);
    cells.forEach((c, n) => {
      rowsOf[n] = this.customerIndex.get(c.customerId) as number;
      colsOf[n] = this.productIndex.get(c.productId) as number;
      weights[n] = c.weight;
    });
    this.byUser = toCsr(customerIds.length, productIds.length, rowsOf, colsOf, weights);
    this.byItem = toCsr(productIds.length, customerIds.length, colsOf, rowsOf, weights);
  }

  /**
   * Builds the matrix from weighted cells (cells of weight ≤ 0 are left out; duplicates are added up).
   *
   * @example
   * InteractionMatrix.from([{ customerId: 1, productId: 9, weight: 2, lastAt: 0, count: 1 }]).byUser.values; // [2]
   */
  static from(cells: readonly WeightedInteraction[]): InteractionMatrix {
    const kept = cells.filter((c) => c.weight > 0);
    const customers = [...new Set(kept.map((c) => c.customerId))].sort((a, b) => a - b);
    const products = [...new Set(kept.map((c) => c.productId))].sort((a, b) => a - b);
    return new InteractionMatrix(customers, products, kept);
  }

  /**
   * The row of a customer id (undefined when the customer has no interaction).
   *
   * @example
   * matrix.rowOf(7); // 3
   */
  rowOf(customerId: number): number | undefined {
    return this.customerIndex.get(customerId);
  }

  /**
   * The column of a product id (undefined when nobody interacted with it).
   *
   * @example
   * matrix.colOf(42); // 17
   */
  colOf(productId: number): number | undefined {
    return this.productIndex.get(productId);
  }

  /** Number of stored (customer, product) cells. */
  get nonZeros(): number {
    return this.byUser.values.length;
  }
}

/** Counting sort of (row, col, value) triples into CSR; columns ascending within a row, duplicates added up. */
function toCsr(rows: number, cols: number, r: Int32Array, c: Int32Array, v: Float64Array): CsrMatrix {
  const counts = new Int32Array(rows + 1);
  for (let n = 0; n < r.length; n++)
    counts[(r[n] as number) + 1] = (counts[(r[n] as number) + 1] as number) + 1;
  for (let i = 1; i <= rows; i++) counts[i] = (counts[i] as number) + (counts[i - 1] as number);
  const next = counts.slice(0, rows);
  const order = new Int32Array(r.length);
  for (let n = 0; n < r.length; n++) {
    const row = r[n] as number;
    order[next[row] as number] = n;
    next[row] = (next[row] as number) + 1;
  }
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(r.length);
  const values = new Float64Array(r.length);
  let out = 0;
  for (let row = 0; row < rows; row++) {
    const slice = Array.from(order.subarray(counts[row] as number, counts[row + 1] as number));
    slice.sort((a, b) => (c[a] as number) - (c[b] as number));
    for (const n of slice) {
      if (out > (indptr[row] as number) && indices[out - 1] === c[n]) {
        values[out - 1] = (values[out - 1] as number) + (v[n] as number);
        continue;
      }
      indices[out] = c[n] as number;
      values[out] = v[n] as number;
      out++;
    }
    indptr[row + 1] = out;
  }
  return { rows, cols, indptr, indices: indices.slice(0, out), values: values.slice(0, out) };
}
