import type { AlsParameters } from '../als/als-parameters.js';

/**
 * What identifies a trained model: its id, the cut-off of its training data, its parameters and its offline metrics
 * (e.g. `hr@10`, `ndcg@10`). Times are epoch milliseconds.
 *
 * @example
 * const version: ModelVersion = {
 *   modelId: 'als-2026-12-01-a1', kind: 'als', trainedAtMs: Date.parse('2026-12-01T02:00:00Z'),
 *   dataCutoffMs: Date.parse('2026-12-01T00:00:00Z'), parameters: DEFAULT_ALS_PARAMETERS,
 *   metrics: { 'hr@10': 0.31, 'ndcg@10': 0.17 }, customers: 100, products: 200, nonZeros: 2400,
 * };
 */
export interface ModelVersion {
  readonly modelId: string;
  readonly kind: 'als';
  readonly trainedAtMs: number;
  /** Interactions at or after this instant were not seen in training. */
  readonly dataCutoffMs: number;
  readonly parameters: AlsParameters;
  readonly metrics: Readonly<Record<string, number>>;
  readonly customers: number;
  readonly products: number;
  readonly nonZeros: number;
}
