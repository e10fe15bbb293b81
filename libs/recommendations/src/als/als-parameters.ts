import { RecommendationsError } from '../errors.js';

/** Parameters of implicit-feedback ALS (Hu, Koren & Volinsky 2008). */
export interface AlsParameters {
  /** Latent factors per customer and product. */
  readonly factors: number;
  /** λ: the L2 penalty on every factor vector. */
  readonly regularization: number;
  /** α: confidence c = 1 + α · weight of an observed cell. */
  readonly alpha: number;
  /** Alternating iterations (one solves every customer, then every product). */
  readonly iterations: number;
  /** Conjugate-gradient steps per vector and half-iteration (warm-started; `factors` steps solve exactly). */
  readonly cgSteps: number;
  /** Seed of the initial factors. */
  readonly seed: string | number;
  /** Storage of the factors: `float64` (default) or `float32` (half the memory). */
  readonly precision: 'float32' | 'float64';
}

/**
 * Defaults: the original's roadmap used Spark ALS with maxIter 10 and regParam 0.01 (seed-spec §16); we keep 10
 * iterations and 3 CG steps (as the `implicit` library), with 32 factors, α = 1 and λ = 10 for the unscaled penalty
 * of Hu et al. (Spark scales its regParam by each row's count). α and λ were chosen on a simulated shop (seed
 * `recs-tuning`, 15 categories, 300 and 1,000 products, 300 customers, 60 days): α ≥ 10 overfits our weights.
 *
 * @example
 * const params = { ...DEFAULT_ALS_PARAMETERS, factors: 16 };
 */
export const DEFAULT_ALS_PARAMETERS: AlsParameters = {
  factors: 32,
  regularization: 10,
  alpha: 1,
  iterations: 10,
  cgSteps: 3,
  seed: 42,
  precision: 'float64',
};

/**
 * The defaults overridden by `overrides`, validated.
 *
 * @throws {@link RecommendationsError} `invalid_parameter` naming the parameter.
 *
 * @example
 * alsParameters({ factors: 8 }).iterations; // 10
 */
export function alsParameters(overrides: Partial<AlsParameters> = {}): AlsParameters {
  const p = { ...DEFAULT_ALS_PARAMETERS, ...overrides };
  const check = (name: keyof AlsParameters, ok: boolean, rule: string): void => {
    if (!ok)
      throw new RecommendationsError(
        'invalid_parameter',
        `ALS parameter ${name} must be ${rule}, got ${String(p[name])}`,
        {
          raw: overrides,
        },
      );
  };
  check(
    'factors',
    Number.isInteger(p.factors) && p.factors >= 1 && p.factors <= 1024,
    'an integer in 1..1024',
  );
  check('regularization', Number.isFinite(p.regularization) && p.regularization >= 0, 'a number >= 0');
  check('alpha', Number.isFinite(p.alpha) && p.alpha >= 0, 'a number >= 0');
  check('iterations', Number.isInteger(p.iterations) && p.iterations >= 0, 'an integer >= 0');
  check('cgSteps', Number.isInteger(p.cgSteps) && p.cgSteps >= 1, 'an integer >= 1');
  check('precision', p.precision === 'float32' || p.precision === 'float64', "'float32' or 'float64'");
  return p;
}
