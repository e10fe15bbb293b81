import { AlsModel, trainAls } from './als/als-model.js';
import { AlsRecommender } from './als/als-recommender.js';
import { CategoryPopularity } from './baselines/category-popularity.js';
import { CoPurchase } from './baselines/co-purchase.js';
import { GlobalPopularity } from './baselines/global-popularity.js';
import { Blend } from './blend.js';
import { ColdStart } from './cold-start.js';
import { leaveLastOut } from './evaluation/leave-last-out.js';
import { evaluateRecommender, hitAt, ndcgAt } from './evaluation/metrics.js';
import {
  aggregateInteractions,
  interactionWeight,
  recencyWeight,
  type Interaction,
} from './interactions/interaction.js';
import { InteractionMatrix } from './interactions/interaction-matrix.js';
import { decodeFactors, encodeFactors } from './model/factors-codec.js';
import type { ModelVersion } from './model/model-version.js';
import type { Recommender } from './recommender.js';
import { topK } from './recommender.js';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-12-01T00:00:00Z');

describe('interaction weights (the original feature job)', () => {
  it('uses the recency steps 1.0 / 0.8 / 0.6 / 0.4', () => {
    expect([0, 30, 31, 90, 91, 180, 181, 999].map(recencyWeight)).toEqual([
      1, 1, 0.8, 0.8, 0.6, 0.6, 0.4, 0.4,
    ]);
  });

  it('weighs purchases and carts by quantity × recency, wishlists 0.6, views 0.1 × recency', () => {
    const at = AS_OF - 40 * DAY;
    expect(
      interactionWeight({ customerId: 1, productId: 2, type: 'purchase', quantity: 3, at }, AS_OF),
    ).toBeCloseTo(2.4);
    expect(
      interactionWeight({ customerId: 1, productId: 2, type: 'cart', quantity: 2, at }, AS_OF),
    ).toBeCloseTo(1.6);
    expect(interactionWeight({ customerId: 1, productId: 2, type: 'wishlist', at: 0 }, AS_OF)).toBe(0.6);
    expect(interactionWeight({ customerId: 1, productId: 2, type: 'view', at }, AS_OF)).toBeCloseTo(0.08);
  });

  it('aggregates per (customer, product) by sum or, as the original, by average; drops events after the cut-off', () => {
    const events: Interaction[] = [
      { customerId: 1, productId: 2, type: 'purchase', quantity: 2, at: AS_OF - DAY },
      { customerId: 1, productId: 2, type: 'wishlist', at: AS_OF - 2 * DAY },
      { customerId: 1, productId: 3, type: 'view', at: AS_OF + DAY },
    ];
    expect(aggregateInteractions(events, { asOf: AS_OF })).toEqual([
      { customerId: 1, productId: 2, weight: 2.6, lastAt: AS_OF - DAY, count: 2 },
    ]);
    expect(aggregateInteractions(events, { asOf: AS_OF, aggregate: 'avg' })[0]?.weight).toBeCloseTo(1.3);
  });

  it('refuses a bad interaction with a typed error that keeps it', () => {
    const bad = { customerId: 1, productId: 2, type: 'like', at: 0 } as unknown as Interaction;
    expect(() => interactionWeight(bad, AS_OF)).toThrow(
      expect.objectContaining({ code: 'invalid_interaction', raw: bad }),
    );
  });
});

describe('metrics on hand-computed examples', () => {
  it('HR@k and NDCG@k of one list', () => {
    expect(hitAt([5, 42, 7], 42, 10)).toBe(1);
    expect(hitAt([5, 42, 7], 42, 1)).toBe(0);
    expect(ndcgAt([42], 42, 10)).toBe(1);
    expect(ndcgAt([5, 42, 7], 42, 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt([5, 6, 7, 42], 42, 10)).toBeCloseTo(1 / Math.log2(5), 12);
    expect(ndcgAt([5, 6], 42, 10)).toBe(0);
  });

  it('averages over customers and excludes what they saw in training', () => {
    const lists: Record<number, number[]> = { 1: [10, 11, 12], 2: [20, 21, 22, 23], 3: [30] };
    const fake: Recommender = {
      name: 'fake',
      recommend: (customerId, k, exclude) =>
        (lists[customerId] ?? [])
          .filter((id) => !exclude?.has(id))
          .slice(0, k)
          .map((productId) => ({ productId, score: 1, reason: 'popular' })),
    };
    const split = {
      train: [],
      heldOut: new Map([
        [1, 10], // rank 0: hit, ndcg 1
        [2, 23], // 20 excluded → rank 2: hit, ndcg 1/log2(4) = 0.5
        [3, 99], // miss
      ]),
      seen: new Map([[2, new Set([20])]]),
    };
    const result = evaluateRecommender(fake, split, 10);
    expect(result.customers).toBe(3);
    expect(result.hitRate).toBeCloseTo(2 / 3, 12);
    expect(result.ndcg).toBeCloseTo(1.5 / 3, 12);
  });

  it('leave-last-out holds out the last purchased product and every interaction with it', () => {
    const events: Interaction[] = [
      { customerId: 1, productId: 5, type: 'purchase', at: 1 },
      { customerId: 1, productId: 6, type: 'cart', at: 2 },
      { customerId: 1, productId: 6, type: 'purchase', at: 3 },
      { customerId: 2, productId: 7, type: 'purchase', at: 4 }, // nothing else: not evaluated
    ];
    const split = leaveLastOut(events);
    expect([...split.heldOut]).toEqual([[1, 6]]);
    expect(split.train).toEqual([events[0]]);
    expect([...(split.seen.get(1) ?? [])]).toEqual([5]);
  });
});

describe('baselines, blend and cold start', () => {
  // Customers 1–3 like category 1 (products 1–3), customers 4–6 category 2 (products 4–6); 1 and 2 go together.
  const events: Interaction[] = [];
  let basket = 0;
  for (let c = 1; c <= 6; c++) {
    const base = c <= 3 ? 1 : 4;
    basket++;
    events.push({ customerId: c, productId: base, type: 'purchase', at: AS_OF - c * DAY, basketId: basket });
    events.push({
      customerId: c,
      productId: base + 1,
      type: 'purchase',
      at: AS_OF - c * DAY,
      basketId: basket,
    });
    if (c % 3 === 0) events.push({ customerId: c, productId: base + 2, type: 'view', at: AS_OF - DAY });
  }
  events.push({ customerId: 7, productId: 4, type: 'purchase', quantity: 5, at: AS_OF - DAY }); // 4 is the best seller
  const cells = aggregateInteractions(events, { asOf: AS_OF });
  const categories = new Map([1, 2, 3, 4, 5, 6, 9].map((p) => [p, p <= 3 || p === 9 ? 1 : 2]));

  it('global popularity ranks by total weight', () => {
    expect(new GlobalPopularity(cells).recommend(1, 2).map((r) => r.productId)).toEqual([4, 1]);
  });

  it("category popularity stays in the customer's categories", () => {
    const recs = new CategoryPopularity(cells, categories).recommend(1, 3, new Set([1]));
    expect(recs.map((r) => r.productId)).toEqual([2, 3, 4]);
    expect(recs.map((r) => r.reason)).toEqual(['category_popular', 'category_popular', 'popular']);
  });

  it('co-purchase finds what is bought together', () => {
    const coPurchase = new CoPurchase(events, cells);
    expect(coPurchase.similar(1, 3).map((r) => r.productId)).toEqual([2]);
    expect(coPurchase.recommend(1, 3, new Set([1, 2]))).toEqual([]);
  });

  it('the blend fuses its parts and keeps the reason of the strongest; unknown customers go to cold start', () => {
    const global = new GlobalPopularity(cells);
    const category = new CategoryPopularity(cells, categories);
    const cold = new ColdStart(category, global, (c) => (c === 1 ? [9] : []));
    const blend = new Blend(
      [
        { recommender: new CoPurchase(events, cells), weight: 1 },
        { recommender: category, weight: 0.5 },
      ],
      { coldStart: { start: cold, firstCategory: (id) => (id === 99 ? 1 : undefined) } },
    );
    const recs = blend.recommend(1, 2, new Set([1]));
    expect(recs.map((r) => [r.productId, r.reason])).toEqual([
      [2, 'co_purchase'],
      [3, 'category_popular'],
    ]);
    expect(blend.recommend(99, 3).map((r) => [r.productId, r.reason])).toEqual([
      [9, 'trending'],
      [1, 'category_popular'],
      [2, 'category_popular'],
    ]);
    expect(blend.recommend(98, 1).map((r) => [r.productId, r.reason])).toEqual([[4, 'popular']]);
    expect(cold.forNewProduct(9, 2).map((r) => [r.productId, r.reason])).toEqual([
      [1, 'category_neighbour'],
      [2, 'category_neighbour'],
    ]);
  });

  it('topK breaks ties by product id', () => {
    expect(
      topK(
        [
          [3, 1],
          [1, 1],
          [2, 2],
        ],
        2,
      ),
    ).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('ALS puts products bought together next to each other; unknown customers get nothing', () => {
    const model = trainAls(InteractionMatrix.from(cells), {
      factors: 4,
      iterations: 15,
      seed: 1,
      regularization: 0.1,
      alpha: 10,
    });
    const als = new AlsRecommender(model.toFactors());
    expect(als.similar(1, 1)[0]?.productId).toBe(2);
    expect(als.similar(5, 1)[0]?.productId).toBe(4);
    expect(als.recommend(1, 10, new Set([1, 2])).map((r) => r.reason)).toContain('als');
    expect(als.recommend(99, 10)).toEqual([]);
  });
});

describe('model version and factors (de)serialisation', () => {
  const cells = [
    { customerId: 1, productId: 10, weight: 1, lastAt: 0, count: 1 },
    { customerId: 2, productId: 11, weight: 2, lastAt: 0, count: 1 },
  ];
  const matrix = InteractionMatrix.from(cells);

  it.each(['float64', 'float32'] as const)('round-trips %s factors with the version', (precision) => {
    const model = trainAls(matrix, { factors: 3, iterations: 2, precision });
    const version: ModelVersion = {
      modelId: 'als-test',
      kind: 'als',
      trainedAtMs: AS_OF,
      dataCutoffMs: AS_OF - DAY,
      parameters: model.parameters,
      metrics: { 'hr@10': 0.5 },
      customers: 2,
      products: 2,
      nonZeros: 2,
    };
    const decoded = decodeFactors(encodeFactors(version, model.toFactors()));
    expect(decoded.version).toEqual(version);
    expect(Array.from(decoded.factors.customerIds)).toEqual([1, 2]);
    expect(Array.from(decoded.factors.productIds)).toEqual([10, 11]);
    expect(decoded.factors.userFactors).toEqual(model.userFactors);
    expect(decoded.factors.itemFactors).toEqual(model.itemFactors);
  });

  it('refuses other bytes with a typed error', () => {
    const model = AlsModel.initialise(matrix, { factors: 2 });
    const bytes = encodeFactors({} as ModelVersion, model.toFactors());
    expect(() => decodeFactors(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'invalid_model_bytes' }),
    );
    expect(() => decodeFactors(bytes.subarray(0, bytes.length - 1))).toThrow(
      expect.objectContaining({ code: 'invalid_model_bytes' }),
    );
  });
});
