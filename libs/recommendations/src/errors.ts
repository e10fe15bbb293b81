import { EcomError } from '@ecom/domain';

/**
 * Error codes of @ecom/recommendations: `invalid_interaction` (an interaction with a bad id, type, quantity or time),
 * `invalid_parameter` (a model parameter out of range), `invalid_model_bytes` (bytes that are not serialised factors
 * of a known version), `unknown_customer` / `unknown_product` (an id the model was not trained on, where one is
 * required).
 *
 * @example
 * const code: RecommendationsErrorCode = 'invalid_parameter';
 */
export type RecommendationsErrorCode =
  | 'invalid_interaction'
  | 'invalid_parameter'
  | 'invalid_model_bytes'
  | 'unknown_customer'
  | 'unknown_product';

/**
 * The typed error of @ecom/recommendations (an `EcomError`); `raw` keeps the offending input.
 *
 * @example
 * try {
 *   trainAls(matrix, { factors: 0 });
 * } catch (e) {
 *   if (e instanceof RecommendationsError) console.log(e.code); // invalid_parameter
 * }
 */
export class RecommendationsError extends EcomError<RecommendationsErrorCode> {
  override readonly name = 'RecommendationsError';
}
