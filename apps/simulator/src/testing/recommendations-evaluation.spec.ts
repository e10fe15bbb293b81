import {
  AlsRecommender,
  CategoryPopularity,
  CoPurchase,
  GlobalPopularity,
  InteractionMatrix,
  aggregateInteractions,
  evaluateRecommender,
  evaluationTable,
  leaveLastOut,
  servedBlend,
  trainAls,
} from '@ecom/recommendations';
import { recoveredTopCategoryMatch, simulateShopInteractions } from './shop-interactions.js';

const UNTIL = Date.parse('2026-12-01T00:00:00Z');

// Issue 15 §4: on shoppers with tastes, ALS and the served blend beat global popularity by >= 1.5× on HR@10 and
// NDCG@10, and the top category of each customer's recommendations recovers their true favourite for most of them.
describe('recommendations on a seeded simulated shop with tastes (in memory, leave-last-out)', () => {
  const shop = simulateShopInteractions({
    seed: 'recs-eval',
    categories: 15,
    products: 600,
    customers: 300,
    days: 60,
    sessionsPerDay: 150,
    until: UNTIL,
  });
  const split = leaveLastOut(shop.interactions);
  const cells = aggregateInteractions(split.train, { asOf: UNTIL });
  const global = new GlobalPopularity(cells);
  const categoryPopularity = new CategoryPopularity(cells, shop.productCategories);
  const coPurchase = new CoPurchase(split.train, cells);
  const als = new AlsRecommender(trainAls(InteractionMatrix.from(cells)).toFactors());
  const blend = servedBlend({ als, coPurchase, categoryPopularity });
  const results = [global, categoryPopularity, coPurchase, als, blend].map((r) =>
    evaluateRecommender(r, split),
  );
  const byName = new Map(results.map((r) => [r.recommender, r]));
  const popularity = byName.get('global popularity')!;

  it('evaluates most customers', () => {
    console.log(evaluationTable(results, 'global popularity'));
    expect(split.heldOut.size).toBeGreaterThan(250);
  });

  it.each(['ALS', 'blend'])('%s beats global popularity by at least 1.5× on HR@10 and NDCG@10', (name) => {
    const result = byName.get(name)!;
    expect(result.hitRate).toBeGreaterThanOrEqual(1.5 * popularity.hitRate);
    expect(result.ndcg).toBeGreaterThanOrEqual(1.5 * popularity.ndcg);
  });

  it.each(['ALS', 'blend'])(
    "%s's top recommended category is the customer's true favourite for most",
    (name) => {
      const recommender = name === 'ALS' ? als : blend;
      const match = recoveredTopCategoryMatch(shop, split, recommender);
      console.log(
        `${name}: top recommended category = true favourite for ${(100 * match).toFixed(1)} % of customers`,
      );
      expect(match).toBeGreaterThan(0.5);
    },
  );
});
