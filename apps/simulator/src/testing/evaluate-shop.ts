import {
  AlsRecommender,
  CategoryPopularity,
  CoPurchase,
  GlobalPopularity,
  InteractionMatrix,
  aggregateInteractions,
  evaluateRecommender,
  leaveLastOut,
  servedBlend,
  trainAls,
  type Blend,
  type EvaluationResult,
  type LeaveLastOutSplit,
  type Recommender,
} from '@ecom/recommendations';
import type { SimulatedShop } from './shop-interactions.js';

/** The leave-last-out evaluation of every model on a simulated shop. */
export interface ShopEvaluation {
  readonly split: LeaveLastOutSplit;
  /** Global popularity, category popularity, co-purchase, ALS and the served blend, in that order. */
  readonly recommenders: readonly Recommender[];
  readonly als: AlsRecommender;
  readonly blend: Blend;
  readonly results: readonly EvaluationResult[];
}

/**
 * Splits the shop's interactions leave-last-out, trains every model on the training part (ALS with its defaults)
 * and evaluates HR@10 and NDCG@10.
 *
 * @example
 * const { results } = evaluateShop(shop, Date.parse('2026-12-01T00:00:00Z'));
 */
export function evaluateShop(shop: SimulatedShop, until: number): ShopEvaluation {
  const split = leaveLastOut(shop.interactions);
  const cells = aggregateInteractions(split.train, { asOf: until });
  const categoryPopularity = new CategoryPopularity(cells, shop.productCategories);
  const coPurchase = new CoPurchase(split.train, cells);
  const als = new AlsRecommender(trainAls(InteractionMatrix.from(cells)).toFactors());
  const blend = servedBlend({ als, coPurchase, categoryPopularity });
  const recommenders = [new GlobalPopularity(cells), categoryPopularity, coPurchase, als, blend];
  return { split, recommenders, als, blend, results: recommenders.map((r) => evaluateRecommender(r, split)) };
}
