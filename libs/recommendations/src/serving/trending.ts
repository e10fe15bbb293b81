import type { ProductCategories } from '../baselines/category-popularity.js';
import {
  ORIGINAL_INTERACTION_WEIGHTS,
  type Interaction,
  type InteractionWeights,
} from '../interactions/interaction.js';
import type { Recommendation } from '../recommender.js';
import { ALL_CATEGORIES } from './serving-store.js';

/** Options of {@link trendingProducts}. */
export interface TrendingOptions {
  /** End of the current window (epoch ms, exclusive). */
  readonly asOf: number;
  /** Window length; the previous window is the same length just before. Default 7 days. */
  readonly windowMs?: number;
  /** Products kept per category. Default 20. */
  readonly k?: number;
  readonly weights?: InteractionWeights;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Trending products per category, in batch: the weighted activity (type weight × quantity) of the current window
 * against the previous one, score = (current + 1) / (previous + 1), only products that grew; ties by current
 * activity, then product id. Key {@link ALL_CATEGORIES} holds the whole shop's list. (The streaming job of issue 15
 * will compute the same thing continuously.)
 *
 * @example
 * declare const interactions: Interaction[];
 * declare const productCategories: Map<number, number>;
 * const trending = trendingProducts(interactions, productCategories, { asOf: Date.parse('2026-12-01T00:00:00Z') });
 * trending.get(3)?.[0]; // { productId: 17, score: 4.5, reason: 'trending' }
 */
export function trendingProducts(
  interactions: Iterable<Interaction>,
  productCategories: ProductCategories,
  options: TrendingOptions,
): Map<number, Recommendation[]> {
  const windowMs = options.windowMs ?? WEEK_MS;
  const weights = options.weights ?? ORIGINAL_INTERACTION_WEIGHTS;
  const start = options.asOf - windowMs;
  const activity = new Map<number, { current: number; previous: number }>();
  for (const i of interactions) {
    if (i.at >= options.asOf || i.at < start - windowMs) continue;
    const a = activity.get(i.productId) ?? { current: 0, previous: 0 };
    const w = weights[i.type] * (i.type === 'view' || i.type === 'wishlist' ? 1 : (i.quantity ?? 1));
    if (i.at >= start) a.current += w;
    else a.previous += w;
    activity.set(i.productId, a);
  }
  const scored = [...activity]
    .filter(([, a]) => a.current > a.previous)
    .map(([productId, a]) => ({ productId, score: (a.current + 1) / (a.previous + 1), current: a.current }))
    .sort((x, y) => y.score - x.score || y.current - x.current || x.productId - y.productId);
  const k = options.k ?? 20;
  const out = new Map<number, Recommendation[]>([[ALL_CATEGORIES, []]]);
  for (const { productId, score } of scored) {
    const push = (category: number): void => {
      const list = out.get(category) ?? [];
      if (list.length < k) list.push({ productId, score, reason: 'trending' });
      out.set(category, list);
    };
    push(ALL_CATEGORIES);
    const category = productCategories.get(productId);
    if (category !== undefined) push(category);
  }
  return out;
}
