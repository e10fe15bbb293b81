import { topK, type Recommendation, type Recommender } from '../recommender.js';
import type { AlsFactors } from './als-model.js';

/**
 * Recommends by the ALS preference x_uᵀy_i over every trained product. Customers without factors get nothing
 * (the blend's cold start covers them).
 *
 * @example
 * new AlsRecommender(trainAls(matrix).toFactors()).recommend(7, 10, boughtBy7);
 */
export class AlsRecommender implements Recommender {
  readonly name = 'ALS';
  private readonly rowOf = new Map<number, number>();
  private readonly colOf = new Map<number, number>();

  constructor(readonly model: AlsFactors) {
    model.customerIds.forEach((id, row) => this.rowOf.set(id, row));
    model.productIds.forEach((id, col) => this.colOf.set(id, col));
  }

  recommend(customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    const row = this.rowOf.get(customerId);
    if (row === undefined || k <= 0) return [];
    return topK(this.scores(row), k, exclude).map(([productId, score]) => ({
      productId,
      score,
      reason: 'als',
    }));
  }

  private *scores(row: number): Generator<[number, number]> {
    const { factors: f, userFactors: x, itemFactors: y, productIds } = this.model;
    const xo = row * f;
    for (let col = 0; col < productIds.length; col++) {
      let s = 0;
      const yo = col * f;
      for (let q = 0; q < f; q++) s += (x[xo + q] as number) * (y[yo + q] as number);
      yield [productIds[col] as number, s];
    }
  }

  /**
   * Products whose factors point the same way as `productId`'s (cosine), best first.
   *
   * @example
   * als.similar(42, 5);
   */
  similar(productId: number, k: number): Recommendation[] {
    const col = this.colOf.get(productId);
    if (col === undefined) return [];
    const { factors: f, itemFactors: y, productIds } = this.model;
    const norm = (c: number): number => {
      let s = 0;
      for (let q = 0; q < f; q++) s += (y[c * f + q] as number) ** 2;
      return Math.sqrt(s) || 1;
    };
    const base = norm(col);
    const scored: [number, number][] = [];
    for (let c = 0; c < productIds.length; c++) {
      if (c === col) continue;
      let s = 0;
      for (let q = 0; q < f; q++) s += (y[col * f + q] as number) * (y[c * f + q] as number);
      scored.push([productIds[c] as number, s / (base * norm(c))]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return scored.slice(0, k).map(([id, score]) => ({ productId: id, score, reason: 'als' }));
  }
}
