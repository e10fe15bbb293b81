import { trainAls } from '../als/als-model.js';
import { aggregateInteractions, type Interaction } from '../interactions/interaction.js';
import { InteractionMatrix } from '../interactions/interaction-matrix.js';
import { publicationFromInteractions } from './build-publication.js';
import { ALL_CATEGORIES, InMemoryServingStore } from './serving-store.js';
import { trendingProducts } from './trending.js';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-12-01T00:00:00Z');

// Two categories: 1 = products 1..3, 2 = products 4..6. Customers 1..4 buy baskets inside one category.
const categories = new Map([
  [1, 1],
  [2, 1],
  [3, 1],
  [4, 2],
  [5, 2],
  [6, 2],
  [7, 2],
]);
const buy = (customerId: number, productId: number, daysAgo: number, basketId: number): Interaction => ({
  customerId,
  productId,
  type: 'purchase',
  at: AS_OF - daysAgo * DAY,
  basketId,
});
const interactions: Interaction[] = [
  buy(1, 1, 20, 1),
  buy(1, 2, 20, 1),
  buy(2, 1, 12, 2),
  buy(2, 2, 12, 2),
  buy(2, 3, 3, 3),
  buy(3, 4, 10, 4),
  buy(3, 5, 10, 4),
  buy(4, 5, 2, 5),
  buy(4, 6, 2, 5),
  { customerId: 4, productId: 4, type: 'view', at: AS_OF - DAY },
];

describe('serving', () => {
  it('trending: growth of the last window over the previous one, per category and shop-wide', () => {
    const trending = trendingProducts(interactions, categories, { asOf: AS_OF });
    // Last 7 days: 3 (1 purchase), 5 (1), 6 (1), 4 (view 0.1); previous 7 days: 1 and 2 (1 each), 4 and 5 (1 each).
    expect(trending.get(1)?.map((r) => r.productId)).toEqual([3]);
    expect(trending.get(2)?.map((r) => r.productId)).toEqual([6]);
    expect(trending.get(ALL_CATEGORIES)?.map((r) => [r.productId, r.score, r.reason])).toEqual([
      [3, 2, 'trending'],
      [6, 2, 'trending'],
    ]);
  });

  it('publishes customer lists with bought flags, similar products with reasons, trending and popular', async () => {
    const cells = aggregateInteractions(interactions, { asOf: AS_OF });
    const factors = trainAls(InteractionMatrix.from(cells), {
      factors: 4,
      iterations: 5,
      seed: 1,
    }).toFactors();
    const publication = publicationFromInteractions({
      modelId: 'als-test',
      publishedAtMs: AS_OF,
      factors,
      interactions,
      productCategories: categories,
      asOf: AS_OF,
      k: 3,
    });
    const mine = publication.customers.get(1) ?? [];
    // k = 3 plus up to 3 bought: the two bought products are flagged, so the API can still return 3 others.
    expect(mine.filter((i) => i.bought).map((i) => i.productId)).toEqual(expect.arrayContaining([1, 2]));
    expect(mine.filter((i) => !i.bought).length).toBeGreaterThanOrEqual(3);
    expect(publication.similar.get(1)?.[0]).toMatchObject({ productId: 2, reason: 'co_purchase' });
    // product 7 has no interactions: its category neighbours.
    expect(publication.similar.get(7)?.every((i) => i.reason === 'category_neighbour')).toBe(true);
    expect(publication.popular[0]?.reason).toBe('popular');

    const store = new InMemoryServingStore();
    expect(await store.list('customer', 1)).toBeNull();
    await store.publish(publication);
    expect(await store.activeModel()).toEqual({ modelId: 'als-test', publishedAtMs: AS_OF });
    expect((await store.list('customer', 1))?.items).toBe(mine);
    expect(await store.list('customer', 99)).toBeNull();
    expect((await store.list('trending', 2))?.modelId).toBe('als-test');
  });
});
