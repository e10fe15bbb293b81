import type { WeightedInteraction } from '../interactions/interaction.js';
import { topK, type Recommendation, type Recommender } from '../recommender.js';

/**
 * Total weight of each product over every customer: the original's `total_popularity_score` (Σ avg_weight).
 *
 * @example
 * productPopularity(cells).get(42); // 17.4
 */
export function productPopularity(cells: Iterable<WeightedInteraction>): Map<number, number> {
  const popularity = new Map<number, number>();
  for (const c of cells) popularity.set(c.productId, (popularity.get(c.productId) ?? 0) + c.weight);
  return popularity;
}

/**
 * "Show the best sellers": the same ranking for everyone, by total interaction weight. The baseline every other
 * model must beat.
 *
 * @example
 * new GlobalPopularity(cells).recommend(7, 10, new Set([42]));
 */
export class GlobalPopularity implements Recommender {
  readonly name = 'global popularity';
  /** Every product with a weight, best first. */
  readonly ranking: readonly (readonly [number, number])[];

  constructor(cells: Iterable<WeightedInteraction>) {
    const popularity = productPopularity(cells);
    this.ranking = topK(popularity, popularity.size);
  }

  recommend(_customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    const out: Recommendation[] = [];
    for (const [productId, score] of this.ranking) {
      if (out.length >= k) break;
      if (!exclude?.has(productId)) out.push({ productId, score, reason: 'popular' });
    }
    return out;
  }
}
