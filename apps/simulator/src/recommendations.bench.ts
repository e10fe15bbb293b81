/**
 * The recommendations evaluation table (issue 15 §4, `npm run bench -- recommendations`): the simulator's engine in
 * memory on a shop with tastes (20 categories, 2,000 products, 2,000 customers, 60 days, seed `recs-bench`),
 * leave-last-out, HR@10 and NDCG@10 of global popularity, category popularity, co-purchase, ALS and the served
 * blend, with ratios to popularity. The timed case is one leave-last-out pass (top 10 for every evaluated customer),
 * so ops/s is lists per second, against global popularity's pass.
 */
import { runSuite } from '../../../tools/bench/harness.js';
import { evaluateRecommender, evaluationTable } from '@ecom/recommendations';
import { evaluateShop } from './testing/evaluate-shop.js';
import { simulateShopInteractions } from './testing/shop-interactions.js';

async function main(): Promise<void> {
  const until = Date.parse('2026-12-01T00:00:00Z');
  const shop = simulateShopInteractions({
    seed: 'recs-bench',
    categories: 20,
    products: 2_000,
    customers: 2_000,
    days: 60,
    sessionsPerDay: 800,
    until,
  });
  const { split, recommenders, results } = evaluateShop(shop, until);
  console.log(
    `\n## recommendations-evaluation (simulated shop: 20 categories, 2,000 products, 2,000 customers, 60 days, ` +
      `${shop.interactions.length} interactions)\n${evaluationTable(results, 'global popularity')}`,
  );
  await runSuite(
    'recommendations-evaluation',
    recommenders.map((r) => ({
      name: r.name,
      ops: split.heldOut.size,
      run: () => {
        const result = evaluateRecommender(r, split);
        return { 'HR@10': Number(result.hitRate.toFixed(4)), 'NDCG@10': Number(result.ndcg.toFixed(4)) };
      },
      ...(r === recommenders[0] ? {} : { baseline: recommenders[0]?.name ?? '' }),
    })),
    { rounds: 3, warmup: 0 },
  );
}

void main();
