import { InteractionMatrix } from '../interactions/interaction-matrix.js';
import { seededRandom } from '../random.js';
import { AlsModel, trainAls } from './als-model.js';

const USERS = 9;
const ITEMS = 7;
const F = 3;
const PARAMS = { factors: F, regularization: 0.1, alpha: 4, cgSteps: F + 2, seed: 'reference' };

/** A small random implicit matrix (about 40 % observed), weights 0.5–3. */
function smallMatrix(): { matrix: InteractionMatrix; dense: number[][] } {
  const random = seededRandom('small-matrix');
  const dense = Array.from({ length: USERS }, () => Array.from({ length: ITEMS }, () => 0));
  const cells = [];
  for (let u = 0; u < USERS; u++)
    for (let i = 0; i < ITEMS; i++)
      if (random.next() < 0.4 || i === u % ITEMS) {
        const weight = 0.5 + 2.5 * random.next();
        (dense[u] as number[])[i] = weight;
        cells.push({ customerId: 100 + u, productId: 200 + i, weight, lastAt: 0, count: 1 });
      }
  return { matrix: InteractionMatrix.from(cells), dense };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (the independent reference). */
function denseSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - factor * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

const row = (a: ArrayLike<number>, r: number): number[] =>
  Array.from({ length: F }, (_, k) => a[r * F + k] as number);

/** The exact solution of one side's normal equations, built densely from every (user, item) pair. */
function reference(
  dense: number[][],
  fixed: ArrayLike<number>,
  side: 'users' | 'items',
  index: number,
): number[] {
  const others = side === 'users' ? ITEMS : USERS;
  const a = Array.from({ length: F }, (_, i) =>
    Array.from({ length: F }, (_, j) => (i === j ? PARAMS.regularization : 0)),
  );
  const b = Array.from({ length: F }, () => 0);
  for (let o = 0; o < others; o++) {
    const w = side === 'users' ? dense[index]![o]! : dense[o]![index]!;
    const c = 1 + PARAMS.alpha * w;
    const p = w > 0 ? 1 : 0;
    const y = row(fixed, o);
    for (let i = 0; i < F; i++) {
      b[i] = b[i]! + c * p * y[i]!;
      for (let j = 0; j < F; j++) a[i]![j] = a[i]![j]! + c * y[i]! * y[j]!;
    }
  }
  return denseSolve(a, b);
}

function denseLoss(dense: number[][], model: AlsModel): number {
  let loss = 0;
  for (let u = 0; u < USERS; u++)
    for (let i = 0; i < ITEMS; i++) {
      const w = dense[u]![i]!;
      const s = model.score(u, i);
      loss += (1 + PARAMS.alpha * w) * ((w > 0 ? 1 : 0) - s) ** 2;
    }
  let norms = 0;
  for (const v of model.userFactors) norms += v * v;
  for (const v of model.itemFactors) norms += v * v;
  return loss + PARAMS.regularization * norms;
}

describe('AlsModel (implicit ALS, conjugate gradient) against a dense reference', () => {
  const { matrix, dense } = smallMatrix();

  it('computes the same loss as the dense formula', () => {
    const model = AlsModel.initialise(matrix, PARAMS);
    model.iterate();
    expect(model.loss()).toBeCloseTo(denseLoss(dense, model), 9);
  });

  it('lowers the loss every iteration', () => {
    const losses: number[] = [];
    const model = AlsModel.initialise(matrix, PARAMS);
    losses.push(model.loss());
    for (let i = 0; i < 12; i++) {
      model.iterate();
      losses.push(model.loss());
    }
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]! + 1e-12);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]! * 0.5);
  });

  it('lowers the loss every half-step with the default 3 CG steps too', () => {
    const model = AlsModel.initialise(matrix, { ...PARAMS, factors: 6, cgSteps: 3 });
    let previous = model.loss();
    for (let i = 0; i < 8; i++) {
      model.solveUsers();
      expect(model.loss()).toBeLessThanOrEqual(previous + 1e-12);
      previous = model.loss();
      model.solveItems();
      expect(model.loss()).toBeLessThanOrEqual(previous + 1e-12);
      previous = model.loss();
    }
  });

  it('leaves factors that satisfy the normal equations (dense Gaussian elimination) to 1e-8', () => {
    const model = trainAls(matrix, { ...PARAMS, iterations: 5 });
    for (let i = 0; i < ITEMS; i++) {
      const expected = reference(dense, model.userFactors, 'items', i);
      row(model.itemFactors, i).forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThan(1e-8));
    }
    model.solveUsers();
    for (let u = 0; u < USERS; u++) {
      const expected = reference(dense, model.itemFactors, 'users', u);
      row(model.userFactors, u).forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThan(1e-8));
    }
  });

  it('is deterministic: same seed, same factors; another seed, other factors', () => {
    const a = trainAls(matrix, PARAMS);
    const b = trainAls(matrix, PARAMS);
    expect(Array.from(b.userFactors)).toEqual(Array.from(a.userFactors));
    expect(Array.from(b.itemFactors)).toEqual(Array.from(a.itemFactors));
    const c = trainAls(matrix, { ...PARAMS, seed: 'other' });
    expect(Array.from(c.itemFactors)).not.toEqual(Array.from(a.itemFactors));
  });

  it('stores float32 factors that score like float64 ones', () => {
    const a = trainAls(matrix, PARAMS);
    const b = trainAls(matrix, { ...PARAMS, precision: 'float32' });
    expect(b.userFactors).toBeInstanceOf(Float32Array);
    for (let u = 0; u < USERS; u++)
      for (let i = 0; i < ITEMS; i++) expect(b.score(u, i)).toBeCloseTo(a.score(u, i), 3);
  });

  it('refuses bad parameters with a typed error naming the parameter', () => {
    expect(() => trainAls(matrix, { factors: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_parameter', message: expect.stringContaining('factors') }),
    );
  });
});
