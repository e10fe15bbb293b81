/**
 * Why an item was recommended: the model or fallback that put it there.
 *
 * @example
 * const why: RecommendationReason = 'co_purchase';
 */
export type RecommendationReason =
  'als' | 'co_purchase' | 'category_popular' | 'popular' | 'trending' | 'category_neighbour';

/** One recommended product with its score (higher is better, comparable within one list only) and reason. */
export interface Recommendation {
  readonly productId: number;
  readonly score: number;
  readonly reason: RecommendationReason;
}

/**
 * Anything that ranks products for a customer. `exclude` holds products not to return (e.g. already bought).
 *
 * @example
 * const recommender: Recommender = new GlobalPopularity(cells);
 * recommender.recommend(7, 10, new Set([42]));
 */
export interface Recommender {
  readonly name: string;
  recommend(customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[];
}

/**
 * The best `k` (product id, score) pairs, score descending then product id ascending (deterministic ties), skipping
 * excluded ids and non-finite scores.
 *
 * @example
 * topK([[1, 0.5], [2, 0.9], [3, 0.9]], 2); // [[2, 0.9], [3, 0.9]]
 */
export function topK(
  scored: Iterable<readonly [number, number]>,
  k: number,
  exclude?: ReadonlySet<number>,
): [number, number][] {
  const best: [number, number][] = [];
  const worse = (a: readonly [number, number], b: readonly [number, number]): boolean =>
    a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]);
  for (const [id, score] of scored) {
    if (k <= 0 || !Number.isFinite(score) || exclude?.has(id)) continue;
    if (best.length === k && !worse(best[k - 1] as [number, number], [id, score])) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push([id, score]);
    while (i > 0 && worse(best[i - 1] as [number, number], [id, score])) {
      best[i] = best[i - 1] as [number, number];
      i--;
    }
    best[i] = [id, score];
  }
  return best;
}
