import { evaluationTable } from '@ecom/recommendations';
import { evaluateShop } from './evaluate-shop.js';
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
  const { split, results, als, blend } = evaluateShop(shop, UNTIL);
  const byName = new Map(results.map((r) => [r.recommender, r]));
  const popularity = byName.get('global popularity');

  it('evaluates most customers', () => {
    console.log(evaluationTable(results, 'global popularity'));
    expect(split.heldOut.size).toBeGreaterThan(250);
  });

  it.each(['ALS', 'blend'])('%s beats global popularity by at least 1.5× on HR@10 and NDCG@10', (name) => {
    const result = byName.get(name);
    expect(result?.hitRate).toBeGreaterThanOrEqual(1.5 * (popularity?.hitRate ?? Infinity));
    expect(result?.ndcg).toBeGreaterThanOrEqual(1.5 * (popularity?.ndcg ?? Infinity));
  });

  it.each(['ALS', 'blend'])(
    "%s's top recommended category is the customer's true favourite for most",
    (name) => {
      const match = recoveredTopCategoryMatch(shop, split, name === 'ALS' ? als : blend);
      console.log(
        `${name}: top recommended category = true favourite for ${(100 * match).toFixed(1)} % of customers`,
      );
      expect(match).toBeGreaterThan(0.5);
    },
  );
});
