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
    const triples = cells.map((c) => ({
      r: this.customerIndex.get(c.customerId) as number,
      c: this.productIndex.get(c.productId) as number,
      v: c.weight,
    }));
    this.byUser = toCsr(customerIds.length, productIds.length, triples);
    this.byItem = toCsr(
      productIds.length,
      customerIds.length,
      triples.map((t) => ({ r: t.c, c: t.r, v: t.v })),
    );
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

function toCsr(
  rows: number,
  cols: number,
  triples: readonly { r: number; c: number; v: number }[],
): CsrMatrix {
  const sorted = [...triples].sort((a, b) => a.r - b.r || a.c - b.c);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (const t of sorted) {
    const last = indices.length - 1;
    if (last >= 0 && indices[last] === t.c && indptr[t.r + 1] === indices.length) {
      values[last] = (values[last] as number) + t.v;
      continue;
    }
    indices.push(t.c);
    values.push(t.v);
    indptr[t.r + 1] = indices.length;
  }
  for (let r = 1; r <= rows; r++)
    if ((indptr[r] as number) < (indptr[r - 1] as number)) indptr[r] = indptr[r - 1] as number;
  return { rows, cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
