import type { Recommender } from '../recommender.js';
import type { LeaveLastOutSplit } from './leave-last-out.js';

/**
 * Hit rate of one list: 1 when the held-out product is among the first `k`, else 0.
 *
 * @example
 * hitAt([5, 42, 7], 42, 10); // 1
 */
export function hitAt(ranked: readonly number[], heldOut: number, k: number): number {
  const rank = ranked.indexOf(heldOut);
  return rank >= 0 && rank < k ? 1 : 0;
}

/**
 * NDCG of one list with one relevant product: 1 / log2(rank + 2) for a 0-based rank below `k`, else 0 (the ideal
 * DCG is 1).
 *
 * @example
 * ndcgAt([5, 42, 7], 42, 10); // 1 / log2(3) ≈ 0.631
 */
export function ndcgAt(ranked: readonly number[], heldOut: number, k: number): number {
  const rank = ranked.indexOf(heldOut);
  return rank >= 0 && rank < k ? 1 / Math.log2(rank + 2) : 0;
}

/** HR@k and NDCG@k of a recommender averaged over the evaluated customers. */
export interface EvaluationResult {
  readonly recommender: string;
  readonly k: number;
  readonly customers: number;
  readonly hitRate: number;
  readonly ndcg: number;
}

/**
 * Evaluates a recommender on a leave-last-out split: each customer's top `k` (default 10), without the products they
 * interacted with in training, against their held-out product.
 *
 * @example
 * evaluateRecommender(new GlobalPopularity(cells), split); // { hitRate: 0.08, ndcg: 0.04, ... }
 */
export function evaluateRecommender(
  recommender: Recommender,
  split: LeaveLastOutSplit,
  k = 10,
): EvaluationResult {
  let hits = 0;
  let ndcg = 0;
  for (const [customerId, product] of split.heldOut) {
    const ranked = recommender.recommend(customerId, k, split.seen.get(customerId)).map((r) => r.productId);
    hits += hitAt(ranked, product, k);
    ndcg += ndcgAt(ranked, product, k);
  }
  const n = split.heldOut.size;
  return {
    recommender: recommender.name,
    k,
    customers: n,
    hitRate: n ? hits / n : 0,
    ndcg: n ? ndcg / n : 0,
  };
}
