import type { Interaction, WeightedInteraction } from '../interactions/interaction.js';
import { topK, type Recommendation, type Recommender } from '../recommender.js';

/**
 * Item-to-item co-purchase: products bought in the same basket (order; the customer when a purchase has no
 * `basketId`), scored by cosine similarity of their basket sets, n_ij / √(n_i n_j). A customer's list adds up the
 * neighbours of every product they interacted with, weighted by their share of the customer's weight.
 *
 * @example
 * const coPurchase = new CoPurchase(interactions, cells);
 * coPurchase.similar(42, 5); // products bought with 42
 */
export class CoPurchase implements Recommender {
  readonly name = 'item-to-item co-purchase';
  private readonly neighbours = new Map<number, Map<number, number>>();
  private readonly history = new Map<number, [number, number][]>();

  constructor(interactions: Iterable<Interaction>, cells: readonly WeightedInteraction[]) {
    const baskets = new Map<string, Set<number>>();
    for (const i of interactions) {
      if (i.type !== 'purchase') continue;
      const key = i.basketId === undefined ? `c${i.customerId}` : `b${String(i.basketId)}`;
      const basket = baskets.get(key) ?? new Set<number>();
      basket.add(i.productId);
      baskets.set(key, basket);
    }
    const count = new Map<number, number>();
    const pairs = new Map<number, Map<number, number>>();
    for (const basket of baskets.values()) {
      const items = [...basket];
      for (const a of items) {
        count.set(a, (count.get(a) ?? 0) + 1);
        for (const b of items) {
          if (a === b) continue;
          const row = pairs.get(a) ?? new Map<number, number>();
          row.set(b, (row.get(b) ?? 0) + 1);
          pairs.set(a, row);
        }
      }
    }
    for (const [a, row] of pairs) {
      const scored = new Map<number, number>();
      for (const [b, n] of row)
        scored.set(b, n / Math.sqrt((count.get(a) as number) * (count.get(b) as number)));
      this.neighbours.set(a, scored);
    }
    for (const c of cells) {
      const list = this.history.get(c.customerId) ?? [];
      list.push([c.productId, c.weight]);
      this.history.set(c.customerId, list);
    }
  }

  /**
   * Products most often bought with `productId`, best first (empty when it was never bought with another).
   *
   * @example
   * coPurchase.similar(42, 5); // [{ productId: 40, score: 0.71, reason: 'co_purchase' }, ...]
   */
  similar(productId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    return topK(this.neighbours.get(productId) ?? [], k, exclude).map(([id, score]) => ({
      productId: id,
      score,
      reason: 'co_purchase',
    }));
  }

  recommend(customerId: number, k: number, exclude?: ReadonlySet<number>): Recommendation[] {
    const history = this.history.get(customerId) ?? [];
    const total = history.reduce((s, [, w]) => s + w, 0);
    const scores = new Map<number, number>();
    for (const [productId, weight] of history) {
      for (const [other, sim] of this.neighbours.get(productId) ?? [])
        scores.set(other, (scores.get(other) ?? 0) + (weight / total) * sim);
    }
    return topK(scores, k, exclude).map(([productId, score]) => ({
      productId,
      score,
      reason: 'co_purchase',
    }));
  }
}
