import type { CategoryPopularity } from './baselines/category-popularity.js';
import type { GlobalPopularity } from './baselines/global-popularity.js';
import type { Recommendation } from './recommender.js';

/** Trending products of a category, best first (e.g. the streaming job's growth against the previous window). */
export type TrendingSource = (categoryId: number) => readonly number[];

/**
 * Cold start. A new customer (no history) gets what is trending in their first category (the category of their
 * first browse or view), then that category's popular products, then global popularity. A product nobody has
 * interacted with gets its category neighbours: the category's popular products.
 *
 * @example
 * const cold = new ColdStart(categoryPopularity, globalPopularity, (category) => trendingIn(category));
 * cold.forNewCustomer(3, 10);
 * cold.forNewProduct(999, 5);
 */
export class ColdStart {
  constructor(
    private readonly categories: CategoryPopularity,
    private readonly global: GlobalPopularity,
    private readonly trending?: TrendingSource,
  ) {}

  /**
   * Whether the customer has history (else they are new, for {@link ColdStart.forNewCustomer}).
   *
   * @example
   * cold.knows(7); // true
   */
  knows(customerId: number): boolean {
    return this.categories.categoriesOf(customerId).length > 0;
  }

  /**
   * Recommendations for a customer without history, given the category of their first action (if any).
   *
   * @example
   * cold.forNewCustomer(undefined, 10); // global popularity
   */
  forNewCustomer(
    firstCategoryId: number | undefined,
    k: number,
    exclude?: ReadonlySet<number>,
  ): Recommendation[] {
    const out: Recommendation[] = [];
    const taken = new Set(exclude);
    const add = (productId: number, score: number, reason: Recommendation['reason']): void => {
      if (out.length >= k || taken.has(productId)) return;
      taken.add(productId);
      out.push({ productId, score, reason });
    };
    if (firstCategoryId !== undefined) {
      const trending = this.trending?.(firstCategoryId) ?? [];
      trending.forEach((id, i) => add(id, trending.length - i, 'trending'));
      for (const [id, score] of this.categories.byCategory.get(firstCategoryId) ?? [])
        add(id, score, 'category_popular');
    }
    for (const r of this.global.recommend(0, k, taken)) add(r.productId, r.score, r.reason);
    return out;
  }

  /**
   * Neighbours of a product without interactions: popular products of its category (empty for an unknown product).
   *
   * @example
   * cold.forNewProduct(999, 5); // [{ productId: 12, reason: 'category_neighbour', ... }]
   */
  forNewProduct(productId: number, k: number): Recommendation[] {
    const category = this.categories.categoryOf(productId);
    if (category === undefined) return [];
    return (this.categories.byCategory.get(category) ?? [])
      .filter(([id]) => id !== productId)
      .slice(0, k)
      .map(([id, score]) => ({ productId: id, score, reason: 'category_neighbour' }));
  }
}
