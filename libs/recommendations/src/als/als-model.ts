import type { CsrMatrix, InteractionMatrix } from '../interactions/interaction-matrix.js';
import { seededRandom } from '../random.js';
import { alsParameters, type AlsParameters } from './als-parameters.js';

/** Factor storage: one row of `factors` numbers per customer or product. */
export type FactorArray = Float32Array | Float64Array;

/**
 * Trained factors and the ids of their rows: what a model stores and what serving needs.
 *
 * @example
 * const factors: AlsFactors = { factors: 2, customerIds: Int32Array.of(7), productIds: Int32Array.of(1, 2), userFactors: Float64Array.of(1, 0), itemFactors: Float64Array.of(0.5, 0, 0, 1) };
 */
export interface AlsFactors {
  readonly factors: number;
  readonly customerIds: Int32Array;
  readonly productIds: Int32Array;
  /** customerIds.length × factors, row-major. */
  readonly userFactors: FactorArray;
  /** productIds.length × factors, row-major. */
  readonly itemFactors: FactorArray;
}

/**
 * Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008), solved by alternating least squares with a
 * warm-started conjugate-gradient solver per vector (Takács et al. 2011, as in the `implicit` library).
 *
 * For each customer u it minimises Σ_i c_ui (p_ui − x_uᵀy_i)² + λ‖x_u‖² over every product i, with p_ui = 1 and
 * c_ui = 1 + α·w_ui for an observed cell of weight w_ui, p_ui = 0 and c_ui = 1 otherwise: the normal equations are
 * (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = YᵀC_u p_u, and only the observed cells cost work beyond the shared YᵀY. Products
 * likewise. Each CG step lowers each row's quadratic, so the loss never rises. Deterministic: same matrix, same
 * parameters (seed included), same factors.
 *
 * @example
 * const model = AlsModel.initialise(matrix, { factors: 16, seed: 7 });
 * for (let i = 0; i < 10; i++) model.iterate();
 * model.loss();
 */
export class AlsModel {
  readonly parameters: AlsParameters;
  /** customers × factors, row-major (rows as in `matrix.customerIds`). */
  readonly userFactors: FactorArray;
  /** products × factors, row-major (rows as in `matrix.productIds`). */
  readonly itemFactors: FactorArray;
  /** Iterations done so far. */
  iterations = 0;

  private constructor(
    readonly matrix: InteractionMatrix,
    parameters: AlsParameters,
    userFactors: FactorArray,
    itemFactors: FactorArray,
  ) {
    this.parameters = parameters;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
  }

  /**
   * A model with seeded random initial factors (normal, scale 0.01), before any iteration.
   *
   * @example
   * AlsModel.initialise(matrix, { seed: 'nightly' }).iterations; // 0
   */
  static initialise(matrix: InteractionMatrix, overrides: Partial<AlsParameters> = {}): AlsModel {
    const parameters = alsParameters(overrides);
    const f = parameters.factors;
    const make = (n: number): FactorArray =>
      parameters.precision === 'float32' ? new Float32Array(n * f) : new Float64Array(n * f);
    const users = make(matrix.customerIds.length);
    const items = make(matrix.productIds.length);
    const random = seededRandom(`als:${String(parameters.seed)}`);
    for (let i = 0; i < users.length; i++) users[i] = random.normal() * 0.01;
    for (let i = 0; i < items.length; i++) items[i] = random.normal() * 0.01;
    return new AlsModel(matrix, parameters, users, items);
  }

  /**
   * The trained factors with their id maps, to recommend from or to store (`encodeFactors`).
   *
   * @example
   * new AlsRecommender(model.toFactors()).recommend(7, 10);
   */
  toFactors(): AlsFactors {
    return {
      factors: this.parameters.factors,
      customerIds: this.matrix.customerIds,
      productIds: this.matrix.productIds,
      userFactors: this.userFactors,
      itemFactors: this.itemFactors,
    };
  }

  /**
   * One alternating iteration: every customer's factors given the products', then every product's given the
   * customers'.
   *
   * @example
   * model.iterate();
   */
  iterate(): void {
    this.solveUsers();
    this.solveItems();
    this.iterations++;
  }

  /**
   * Half an iteration: every customer's factors given the products' (CG, `cgSteps` steps per customer).
   *
   * @example
   * model.solveUsers();
   */
  solveUsers(): void {
    solveHalf(this.matrix.byUser, this.userFactors, this.itemFactors, this.parameters);
  }

  /**
   * Half an iteration: every product's factors given the customers'.
   *
   * @example
   * model.solveItems();
   */
  solveItems(): void {
    solveHalf(this.matrix.byItem, this.itemFactors, this.userFactors, this.parameters);
  }

  /**
   * The objective Σ_u,i c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) over every (customer, product) pair, computed
   * in O(nnz·f + (users + items)·f²).
   *
   * @example
   * model.loss(); // lower after each iterate()
   */
  loss(): number {
    const { factors: f, alpha, regularization } = this.parameters;
    const gram = gramian(this.itemFactors, f, 0);
    const { indptr, indices, values, rows } = this.matrix.byUser;
    const x = this.userFactors;
    const y = this.itemFactors;
    let loss = regularization * (squaredNorm(x) + squaredNorm(y));
    const gx = new Float64Array(f);
    for (let u = 0; u < rows; u++) {
      const xo = u * f;
      multiply(gram, x, xo, f, gx);
      let quad = 0;
      for (let k = 0; k < f; k++) quad += (x[xo + k] as number) * (gx[k] as number);
      loss += quad;
      for (let p = indptr[u] as number; p < (indptr[u + 1] as number); p++) {
        const s = dot(x, xo, y, (indices[p] as number) * f, f);
        const c = 1 + alpha * (values[p] as number);
        loss += c * (1 - s) * (1 - s) - s * s;
      }
    }
    return loss;
  }

  /**
   * The predicted preference x_uᵀy_i of a customer row for a product column.
   *
   * @example
   * model.score(matrix.rowOf(7)!, matrix.colOf(42)!);
   */
  score(row: number, col: number): number {
    const f = this.parameters.factors;
    return dot(this.userFactors, row * f, this.itemFactors, col * f, f);
  }

  /**
   * Scores of a customer row for every product column, into `out` (allocated when omitted).
   *
   * @example
   * const scores = model.scoreAll(matrix.rowOf(7)!);
   */
  scoreAll(row: number, out = new Float64Array(this.matrix.productIds.length)): Float64Array {
    const f = this.parameters.factors;
    const xo = row * f;
    for (let i = 0; i < out.length; i++) out[i] = dot(this.userFactors, xo, this.itemFactors, i * f, f);
    return out;
  }
}

/**
 * Trains a model: initialise, then `iterations` alternating iterations; `onIteration` sees the loss after each.
 *
 * @example
 * const model = trainAls(matrix, { factors: 16 }, (i, loss) => console.log(i, loss));
 */
export function trainAls(
  matrix: InteractionMatrix,
  overrides: Partial<AlsParameters> = {},
  onIteration?: (iteration: number, loss: number) => void,
): AlsModel {
  const model = AlsModel.initialise(matrix, overrides);
  for (let i = 0; i < model.parameters.iterations; i++) {
    model.iterate();
    if (onIteration) onIteration(model.iterations, model.loss());
  }
  return model;
}

function dot(a: FactorArray, ao: number, b: FactorArray | Float64Array, bo: number, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += (a[ao + k] as number) * (b[bo + k] as number);
  return s;
}

function squaredNorm(a: FactorArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (a[i] as number);
  return s;
}

/** YᵀY + λI (f × f, row-major). */
function gramian(y: FactorArray, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  const n = y.length / f;
  for (let i = 0; i < n; i++) {
    const o = i * f;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a] as number;
      if (ya === 0) continue;
      const row = a * f;
      for (let b = a; b < f; b++) g[row + b] = (g[row + b] as number) + ya * (y[o + b] as number);
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a] = (g[a * f + a] as number) + lambda;
    for (let b = a + 1; b < f; b++) g[b * f + a] = g[a * f + b] as number;
  }
  return g;
}

/** out = G · v[vo .. vo+f). */
function multiply(
  g: Float64Array,
  v: FactorArray | Float64Array,
  vo: number,
  f: number,
  out: Float64Array,
): void {
  for (let a = 0; a < f; a++) {
    let s = 0;
    const row = a * f;
    for (let b = 0; b < f; b++) s += (g[row + b] as number) * (v[vo + b] as number);
    out[a] = s;
  }
}

/** Solves every row of `target` given `fixed` (CG on the normal equations, warm-started from the current row). */
function solveHalf(m: CsrMatrix, target: FactorArray, fixed: FactorArray, params: AlsParameters): void {
  const { factors: f, alpha, regularization, cgSteps } = params;
  const gram = gramian(fixed, f, regularization);
  const x = new Float64Array(f);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const { indptr, indices, values } = m;
  for (let u = 0; u < m.rows; u++) {
    const xo = u * f;
    for (let k = 0; k < f; k++) x[k] = target[xo + k] as number;
    // r = b − A x, with b = Σ c_i y_i and A x = (YᵀY + λI) x + Σ (c_i − 1)(y_iᵀx) y_i
    multiply(gram, x, 0, f, r);
    for (let k = 0; k < f; k++) r[k] = -(r[k] as number);
    const start = indptr[u] as number;
    const end = indptr[u + 1] as number;
    for (let q = start; q < end; q++) {
      const yo = (indices[q] as number) * f;
      const c = 1 + alpha * (values[q] as number);
      const coef = c - (c - 1) * dot(fixed, yo, x, 0, f);
      for (let k = 0; k < f; k++) r[k] = (r[k] as number) + coef * (fixed[yo + k] as number);
    }
    p.set(r);
    let rsOld = dot(r, 0, r, 0, f);
    for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
      multiply(gram, p, 0, f, ap);
      for (let q = start; q < end; q++) {
        const yo = (indices[q] as number) * f;
        const coef = alpha * (values[q] as number) * dot(fixed, yo, p, 0, f);
        for (let k = 0; k < f; k++) ap[k] = (ap[k] as number) + coef * (fixed[yo + k] as number);
      }
      const pap = dot(p, 0, ap, 0, f);
      if (!(pap > 0)) break;
      const a = rsOld / pap;
      for (let k = 0; k < f; k++) {
        x[k] = (x[k] as number) + a * (p[k] as number);
        r[k] = (r[k] as number) - a * (ap[k] as number);
      }
      const rsNew = dot(r, 0, r, 0, f);
      const beta = rsNew / rsOld;
      for (let k = 0; k < f; k++) p[k] = (r[k] as number) + beta * (p[k] as number);
      rsOld = rsNew;
    }
    for (let k = 0; k < f; k++) target[xo + k] = x[k] as number;
  }
}
