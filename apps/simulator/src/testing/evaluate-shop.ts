import { evaluateModels, type ModelsEvaluation } from '@ecom/recommendations';
import type { SimulatedShop } from './shop-interactions.js';

/** The leave-last-out evaluation of every model on a simulated shop (`evaluateModels` of @ecom/recommendations). */
export type ShopEvaluation = ModelsEvaluation;

/**
 * Splits the shop's interactions leave-last-out, trains every model on the training part (ALS with its defaults)
 * and evaluates HR@10 and NDCG@10.
 *
 * @example
 * const { results } = evaluateShop(shop, Date.parse('2026-12-01T00:00:00Z'));
 */
export function evaluateShop(shop: SimulatedShop, until: number): ShopEvaluation {
  return evaluateModels(shop.interactions, shop.productCategories, until);
}
