import { trainAls } from '../als/als-model.js';
import type { AlsParameters } from '../als/als-parameters.js';
import { AlsRecommender } from '../als/als-recommender.js';
import { CategoryPopularity, type ProductCategories } from '../baselines/category-popularity.js';
import { CoPurchase } from '../baselines/co-purchase.js';
import { GlobalPopularity } from '../baselines/global-popularity.js';
import { servedBlend, type Blend } from '../blend.js';
import { aggregateInteractions, type Interaction } from '../interactions/interaction.js';
import { InteractionMatrix } from '../interactions/interaction-matrix.js';
import type { Recommender } from '../recommender.js';
import { leaveLastOut, type LeaveLastOutSplit } from './leave-last-out.js';
import { evaluateRecommender, type EvaluationResult } from './metrics.js';

/**
 * The leave-last-out evaluation of every model.
 *
 * @example
 * declare const evaluation: ModelsEvaluation;
 * evaluation.results.map((r) => r.recommender); // ['global popularity', ..., 'blend']
 */
export interface ModelsEvaluation {
  readonly split: LeaveLastOutSplit;
  /** Global popularity, category popularity, co-purchase, ALS and the served blend, in that order. */
  readonly recommenders: readonly Recommender[];
  readonly als: AlsRecommender;
  readonly blend: Blend;
  readonly results: readonly EvaluationResult[];
}

/**
 * Splits interactions leave-last-out, trains every model on the training part (ALS with `parameters`, default its
 * defaults) and evaluates HR@10 and NDCG@10: the table of issue 15 §4, for a simulated shop or a real database.
 *
 * @example
 * declare const interactions: Interaction[];
 * declare const productCategories: Map<number, number>;
 * const { results } = evaluateModels(interactions, productCategories, Date.parse('2026-12-01T00:00:00Z'));
 * console.log(evaluationTable(results, 'global popularity'));
 */
export function evaluateModels(
  interactions: readonly Interaction[],
  productCategories: ProductCategories,
  asOf: number,
  parameters: Partial<AlsParameters> = {},
): ModelsEvaluation {
  const split = leaveLastOut(interactions);
  const cells = aggregateInteractions(split.train, { asOf });
  const categoryPopularity = new CategoryPopularity(cells, productCategories);
  const coPurchase = new CoPurchase(split.train, cells);
  const als = new AlsRecommender(trainAls(InteractionMatrix.from(cells), parameters).toFactors());
  const blend = servedBlend({ als, coPurchase, categoryPopularity });
  const recommenders = [new GlobalPopularity(cells), categoryPopularity, coPurchase, als, blend];
  return { split, recommenders, als, blend, results: recommenders.map((r) => evaluateRecommender(r, split)) };
}
