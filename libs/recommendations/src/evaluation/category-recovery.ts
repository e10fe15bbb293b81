import type { Recommender } from '../recommender.js';
import type { ProductCategories } from '../baselines/category-popularity.js';
import type { LeaveLastOutSplit } from './leave-last-out.js';

/**
 * Whether recommendations recover known tastes: the share of evaluated customers whose top `k` (without what they
 * saw in training) fall mostly in their true favourite category. The category with the most recommended products
 * (ties: the better ranks, then the lower id) must equal `favourite(customerId)`.
 *
 * @example
 * const favourites = new Map([[7, 3]]);
 * topCategoryRecovery(als, split, categories, (id) => favourites.get(id)); // 0.71: recovered for 71 % of customers
 */
export function topCategoryRecovery(
  recommender: Recommender,
  split: LeaveLastOutSplit,
  categories: ProductCategories,
  favourite: (customerId: number) => number | undefined,
  k = 10,
): number {
  let matches = 0;
  for (const customerId of split.heldOut.keys()) {
    const votes = new Map<number, number>();
    recommender.recommend(customerId, k, split.seen.get(customerId)).forEach((r, rank) => {
      const category = categories.get(r.productId);
      if (category !== undefined)
        votes.set(category, (votes.get(category) ?? 0) + 1 + (k - rank) / (k * k + 1));
    });
    const top = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
    if (top !== undefined && top === favourite(customerId)) matches++;
  }
  return split.heldOut.size ? matches / split.heldOut.size : 0;
}
