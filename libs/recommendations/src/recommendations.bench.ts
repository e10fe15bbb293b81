/**
 * ALS training at scale (issue 15 §4, `npm run bench -- recommendations`): `BENCH_CUSTOMERS` (default 100 K)
 * customers × `BENCH_PRODUCTS` (default 10 K) products, ~`BENCH_PER_CUSTOMER` (default 25) interactions each,
 * drawn from seeded latent tastes (2 favourite of 20 categories, log-normal product popularity). Timed: one ALS
 * iteration (CG, 32 factors, 3 steps), float64 and float32, against the floor of any iteration: one pass of
 * x_uᵀy_i over the observed cells in both directions (`observed-dots`). The peak RSS of the process is reported
 * (goal: it fits in 2 GB), and so are the seconds of a full 10-iteration training.
 *
 * The evaluation table on a simulated shop is `apps/simulator/src/recommendations.bench.ts` (a library may not
 * import an app).
 */
import { runSuite } from '../../../tools/bench/harness.js';
import { AlsModel, InteractionMatrix, seededRandom, trainAls, type WeightedInteraction } from './index.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const PER_CUSTOMER = Number(process.env.BENCH_PER_CUSTOMER ?? 25);
const CATEGORIES = 20;

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sampleRss, 50);

function syntheticCells(): WeightedInteraction[] {
  const random = seededRandom('recommendations-bench');
  const byCategory: number[][] = Array.from({ length: CATEGORIES }, () => []);
  const popularity: number[] = [];
  for (let p = 0; p < PRODUCTS; p++) {
    byCategory[p % CATEGORIES]!.push(p + 1);
    popularity.push(Math.exp(random.normal()));
  }
  const cumulative = byCategory.map((ids) => {
    let sum = 0;
    return ids.map((id) => (sum += popularity[id - 1]!));
  });
  const pick = (category: number): number => {
    const c = cumulative[category]!;
    const r = random.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return byCategory[category]![lo]!;
  };
  const cells: WeightedInteraction[] = [];
  for (let u = 1; u <= CUSTOMERS; u++) {
    const favourites = [Math.floor(random.next() * CATEGORIES), Math.floor(random.next() * CATEGORIES)];
    const seen = new Map<number, number>();
    const n = 1 + Math.floor(random.next() * 2 * PER_CUSTOMER);
    for (let i = 0; i < n; i++) {
      const category = random.next() < 0.85 ? favourites[i % 2]! : Math.floor(random.next() * CATEGORIES);
      const product = pick(category);
      seen.set(product, (seen.get(product) ?? 0) + (random.next() < 0.2 ? 1 : 0.1));
    }
    for (const [productId, weight] of seen)
      cells.push({ customerId: u, productId, weight, lastAt: 0, count: 1 });
  }
  return cells;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  let cells: WeightedInteraction[] | undefined = syntheticCells();
  const matrix = InteractionMatrix.from(cells);
  cells = undefined;
  const buildSeconds = (performance.now() - t0) / 1000;
  sampleRss();
  const f = 32;
  const model64 = AlsModel.initialise(matrix, { factors: f, precision: 'float64' });
  const model32 = AlsModel.initialise(matrix, { factors: f, precision: 'float32' });
  const nnz = matrix.nonZeros;
  console.log(
    `ALS bench: ${matrix.customerIds.length} customers × ${matrix.productIds.length} products, ${nnz} cells ` +
      `(built in ${buildSeconds.toFixed(1)} s); ops/s below = cells per second (one round = one iteration)`,
  );
  const observedDots = (): number => {
    let s = 0;
    const { indptr, indices } = matrix.byUser;
    const x = model64.userFactors;
    const y = model64.itemFactors;
    for (let pass = 0; pass < 2; pass++)
      for (let u = 0; u < matrix.byUser.rows; u++)
        for (let q = indptr[u]!; q < indptr[u + 1]!; q++) {
          const xo = u * f;
          const yo = indices[q]! * f;
          for (let k = 0; k < f; k++) s += x[xo + k]! * y[yo + k]!;
        }
    return s;
  };
  await runSuite(
    'recommendations-als',
    [
      { name: 'observed-dots', ops: nnz, run: observedDots },
      {
        name: 'als-iteration-float64',
        ops: nnz,
        run: () => {
          model64.iterate();
          sampleRss();
          return { 'peak RSS MB': Math.round(peakRss / 2 ** 20) };
        },
        baseline: 'observed-dots',
      },
      {
        name: 'als-iteration-float32',
        ops: nnz,
        run: () => {
          model32.iterate();
          sampleRss();
          return { 'peak RSS MB': Math.round(peakRss / 2 ** 20) };
        },
        baseline: 'observed-dots',
      },
    ],
    { rounds: Number(process.env.BENCH_ROUNDS ?? 3), warmup: Number(process.env.BENCH_WARMUP ?? 1) },
  );
  const t1 = performance.now();
  trainAls(matrix, { factors: f, iterations: 10 });
  const trainSeconds = (performance.now() - t1) / 1000;
  sampleRss();
  console.log(
    `full training (10 iterations, float64): ${trainSeconds.toFixed(1)} s, ${(10 / trainSeconds).toFixed(2)} iterations/s; ` +
      `peak RSS ${Math.round(peakRss / 2 ** 20)} MB`,
  );

  clearInterval(timer);
}

void main();
