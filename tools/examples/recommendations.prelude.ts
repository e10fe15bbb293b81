/**
 * Placeholders the TSDoc examples of libs/recommendations use without declaring them: interactions and their
 * matrix, a split, trained models and recommenders. Real types, so a wrong name or call shape in an example still
 * fails `examples:check`.
 */
import type {
  AlsModel,
  AlsRecommender,
  CategoryPopularity,
  ColdStart,
  CoPurchase,
  EvaluationResult,
  GlobalPopularity,
  Interaction,
  InteractionMatrix,
  LeaveLastOutSplit,
  ModelVersion,
  Recommender,
  WeightedInteraction,
} from '../../libs/recommendations/src/index.js';

/** Interactions read from the shop (or the lake's mart), and the same as `events`. */
export declare const interactions: Interaction[];
export declare const events: Interaction[];
/** The training cut-off (epoch ms). */
export declare const asOf: number;
/** Aggregated (customer, product) cells and their matrix. */
export declare const cells: WeightedInteraction[];
export declare const matrix: InteractionMatrix;
/** A leave-last-out split. */
export declare const split: LeaveLastOutSplit;
/** A trained ALS model and recommenders over it and the baselines. */
export declare const model: AlsModel;
export declare const als: AlsRecommender;
export declare const coPurchase: CoPurchase;
export declare const categoryPopularity: CategoryPopularity;
export declare const globalPopularity: GlobalPopularity;
export declare const cold: ColdStart;
export declare const anyRecommender: Recommender;
/** Products customer 7 already bought. */
export declare const boughtBy7: ReadonlySet<number>;
/** Product id → category id of the catalogue. */
export declare const categories: ReadonlyMap<number, number>;
/** Trending products of a category (e.g. from the streaming job). */
export declare function trendingIn(categoryId: number): number[];
/** Evaluation results of several recommenders. */
export declare const results: EvaluationResult[];
/** A model version and serialised factors. */
export declare const version: ModelVersion;
export declare const bytes: Uint8Array;
