export { RecommendationsError, type RecommendationsErrorCode } from './errors.js';
export {
  ORIGINAL_INTERACTION_WEIGHTS,
  aggregateInteractions,
  interactionWeight,
  recencyWeight,
  type AggregateOptions,
  type Interaction,
  type InteractionType,
  type InteractionWeights,
  type WeightedInteraction,
} from './interactions/interaction.js';
export { InteractionMatrix, type CsrMatrix } from './interactions/interaction-matrix.js';
export { DEFAULT_ALS_PARAMETERS, alsParameters, type AlsParameters } from './als/als-parameters.js';
export { AlsModel, trainAls, type AlsFactors, type FactorArray } from './als/als-model.js';
export { AlsRecommender } from './als/als-recommender.js';
export { topK, type Recommendation, type RecommendationReason, type Recommender } from './recommender.js';
export { GlobalPopularity, productPopularity } from './baselines/global-popularity.js';
export { CategoryPopularity, type ProductCategories } from './baselines/category-popularity.js';
export { CoPurchase } from './baselines/co-purchase.js';
export { Blend, SERVED_BLEND_WEIGHTS, servedBlend, type BlendOptions, type BlendPart } from './blend.js';
export { ColdStart, type TrendingSource } from './cold-start.js';
export { leaveLastOut, type LeaveLastOutSplit } from './evaluation/leave-last-out.js';
export { evaluateRecommender, hitAt, ndcgAt, type EvaluationResult } from './evaluation/metrics.js';
export type { ModelVersion } from './model/model-version.js';
export { decodeFactors, encodeFactors } from './model/factors-codec.js';
export { seededRandom } from './random.js';
export { evaluationTable } from './evaluation/evaluation-table.js';
export { evaluateModels, type ModelsEvaluation } from './evaluation/evaluate-models.js';
export { topCategoryRecovery } from './evaluation/category-recovery.js';
export {
  ALL_CATEGORIES,
  InMemoryServingStore,
  publicationLists,
  type ServedItem,
  type ServedList,
  type ServingListKind,
  type ServingPublication,
  type ServingStore,
} from './serving/serving-store.js';
export { trendingProducts, type TrendingOptions } from './serving/trending.js';
export {
  buildServingPublication,
  publicationFromInteractions,
  type InteractionsPublicationInput,
  type PublicationInput,
} from './serving/build-publication.js';
