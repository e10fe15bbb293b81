import type { WeightedInteraction } from '../interactions/interaction.js';
import { topK, type Recommendation, type Recommender } from '../recommender.js';
import { GlobalPopularity, productPopularity } from './global-popularity.js';

/** Product id → category id, for every product of the catalogue (also those nobody interacted with). */
export type ProductCategories = ReadonlyMap<number, number>;

/**
 * Popularity within the customer's own categories: each product's popularity share in its category times the share
 * of the customer's interaction weight in that category. Customers without history get global popularity.
 *
 * @example
 * new CategoryPopularity(cells, categories).recommend(7, 10);
 */
export class CategoryPopularity implements Recommender {
  readonly name = 'category popularity';
  private readonly customerShares = new Map<number, Map<number, number>>();
  /** Category → its products by popularity, best first. */
  readonly byCategory = new Map<number, [number, number][]>();
  private readonly fallback: GlobalPopularity;

  constructor(
    cells: readonly WeightedInteraction[],
    private readonly categories: ProductCategories,
  ) {
    this.fallback = new GlobalPopularity(cells);
    const popularity = productPopularity(cells);
    const totals = new Map<number, number>();
    for (const [productId, weight] of popularity) {
      const category = categories.get(productId);
      if (category !== undefined) totals.set(category, (totals.get(category) ?? 0) + weight);
    }
    const grouped = new Map<number, [number, number][]>();
    for (const [productId, weight] of popularity) {
      const category = categories.get(productId);
      if (category === undefined) continue;
      const list = grouped.get(category) ?? [];
      list.push([productId, weight / (totals.get(category) as number)]);
      grouped.set(category, list);
    }
    for (const [category, list] of grouped) this.byCategory.set(category, topK(list, list.length));
    for (const c of cells) {
      const category = categories.get(c.productId);
      if (category === undefined) continue;
      const shares = this.customerShares.get(c.customerId) ?? new Map<number, number>();
      shares.set(category, (shares.get(category) ?? 0) + c.weight);
      this.customerShares.set(c.customerId, shares);
    }
    for (const shares of this.customerShares.values()) {
      const total = [...shares.values()].reduce((a, b) => a + b, 0);
      for (const [category, w] of shares) shares.set(category, w / total);
    }
  }

  /**
   * The customer's categories with their share of the customer's weight, largest first (empty without history).
   *
   * @example
   * categoryPopularity.categoriesOf(7); // [[3, 0.6], [11, 0.3], ...]
   */
  categoriesOf(customerId: number): [number, number][] {
    const shares = this.customerShares.get(customerId);
    return shares ? topK(shares, shares.size) : [];
  }

  recommend(customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    const shares = this.customerShares.get(customerId);
    if (!shares) return this.fallback.recommend(customerId, k, exclude);
    const scored: [number, number][] = [];
    for (const [category, share] of shares)
      for (const [productId, p] of this.byCategory.get(category) ?? []) scored.push([productId, share * p]);
    const out = topK(scored, k, exclude).map(([productId, score]): Recommendation => ({
      productId,
      score,
      reason: 'category_popular',
    }));
    if (out.length < k) {
      const taken = new Set([...(exclude ?? []), ...out.map((r) => r.productId)]);
      out.push(...this.fallback.recommend(customerId, k - out.length, taken));
    }
    return out;
  }

  /**
   * The category of a product (undefined outside the catalogue).
   *
   * @example
   * categoryPopularity.categoryOf(42); // 3
   */
  categoryOf(productId: number): number | undefined {
    return this.categories.get(productId);
  }
}
