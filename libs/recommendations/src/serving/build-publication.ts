import type { AlsFactors } from '../als/als-model.js';
import { AlsRecommender } from '../als/als-recommender.js';
import { CategoryPopularity, type ProductCategories } from '../baselines/category-popularity.js';
import { CoPurchase } from '../baselines/co-purchase.js';
import { GlobalPopularity } from '../baselines/global-popularity.js';
import { servedBlend } from '../blend.js';
import { ColdStart } from '../cold-start.js';
import { aggregateInteractions, type Interaction } from '../interactions/interaction.js';
import type { Recommendation, Recommender } from '../recommender.js';
import type { ServedItem, ServingPublication } from './serving-store.js';
import { trendingProducts } from './trending.js';

/** What {@link buildServingPublication} composes. */
export interface PublicationInput {
  readonly modelId: string;
  readonly publishedAtMs: number;
  /** The served blend (e.g. `servedBlend(...)`). */
  readonly blend: Recommender;
  readonly coPurchase: CoPurchase;
  readonly als: AlsRecommender;
  readonly coldStart: ColdStart;
  readonly global: GlobalPopularity;
  /** Customers to publish lists for. */
  readonly customers: Iterable<number>;
  /** Products each customer bought (flagged `bought` in their list). */
  readonly bought: ReadonlyMap<number, ReadonlySet<number>>;
  /** Products to publish similar lists for. */
  readonly products: Iterable<number>;
  /** Trending per category (see `trendingProducts`). */
  readonly trending: ReadonlyMap<number, readonly Recommendation[]>;
  /** Items per list beyond the customer's bought ones. Default 50 (the API's largest `k`). */
  readonly k?: number;
}

const served = (r: Recommendation, bought?: boolean): ServedItem =>
  bought === undefined
    ? { productId: r.productId, score: r.score, reason: r.reason }
    : { productId: r.productId, score: r.score, reason: r.reason, bought };

/**
 * Precomputes what the API serves. A customer's list is the blend's top `k + min(bought, k)` without exclusions, each
 * item flagged `bought`, so that the API can drop bought items (the default) and still return `k`. A product's
 * similar list is its co-purchase neighbours, then its ALS neighbours (factor cosine), then, for a product without
 * interactions, its category neighbours. The popular list is global popularity.
 *
 * @example
 * declare const input: PublicationInput;
 * declare const store: ServingStore;
 * const publication = buildServingPublication(input);
 * // input: { modelId, publishedAtMs, blend, coPurchase, als, coldStart, global, customers, bought, products, trending }
 * await store.publish(publication);
 */
export function buildServingPublication(input: PublicationInput): ServingPublication {
  const k = input.k ?? 50;
  const customers = new Map<number, ServedItem[]>();
  for (const id of input.customers) {
    const bought = input.bought.get(id) ?? new Set<number>();
    const list = input.blend.recommend(id, k + Math.min(bought.size, k));
    customers.set(
      id,
      list.map((r) => served(r, bought.has(r.productId))),
    );
  }
  const similar = new Map<number, ServedItem[]>();
  for (const id of input.products) {
    const taken = new Set<number>([id]);
    const out: ServedItem[] = [];
    const add = (list: readonly Recommendation[]): void => {
      for (const r of list) {
        if (out.length >= k || taken.has(r.productId)) continue;
        taken.add(r.productId);
        out.push(served(r));
      }
    };
    add(input.coPurchase.similar(id, k));
    add(input.als.similar(id, k));
    if (out.length === 0) add(input.coldStart.forNewProduct(id, k));
    similar.set(id, out);
  }
  const trending = new Map<number, ServedItem[]>();
  for (const [category, list] of input.trending)
    trending.set(
      category,
      list.map((r) => served(r)),
    );
  return {
    modelId: input.modelId,
    publishedAtMs: input.publishedAtMs,
    customers,
    similar,
    trending,
    popular: input.global.recommend(0, k).map((r) => served(r)),
  };
}

/** What {@link publicationFromInteractions} needs. */
export interface InteractionsPublicationInput {
  readonly modelId: string;
  readonly publishedAtMs: number;
  /** The trained model's factors (e.g. `decodeFactors(bytes).factors`). */
  readonly factors: AlsFactors;
  /** Every interaction up to `asOf` (the same source the model was trained on, possibly newer). */
  readonly interactions: readonly Interaction[];
  readonly productCategories: ProductCategories;
  /** Cut-off of the interactions: weights' recency and the trending window end here. */
  readonly asOf: number;
  readonly k?: number;
}

/**
 * The whole serving publication from interactions and trained factors: aggregates the weights, builds popularity,
 * category popularity, co-purchase, ALS, trending (last 7 days against the 7 before) and cold start, and the
 * served blend, then {@link buildServingPublication} for every customer with history and every catalogue product.
 *
 * @example
 * declare const bytes: Uint8Array;
 * declare const interactions: Interaction[];
 * declare const productCategories: Map<number, number>;
 * const { version, factors } = decodeFactors(bytes);
 * const publication = publicationFromInteractions({ modelId: version.modelId, publishedAtMs: Date.now(), factors, interactions, productCategories, asOf: Date.now() });
 */
export function publicationFromInteractions(input: InteractionsPublicationInput): ServingPublication {
  const cells = aggregateInteractions(input.interactions, { asOf: input.asOf });
  const global = new GlobalPopularity(cells);
  const categoryPopularity = new CategoryPopularity(cells, input.productCategories);
  const trending = trendingProducts(input.interactions, input.productCategories, { asOf: input.asOf });
  const coldStart = new ColdStart(categoryPopularity, global, (category) =>
    (trending.get(category) ?? []).map((r) => r.productId),
  );
  const coPurchase = new CoPurchase(input.interactions, cells);
  const als = new AlsRecommender(input.factors);
  const bought = new Map<number, Set<number>>();
  for (const i of input.interactions) {
    if (i.type !== 'purchase' || i.at >= input.asOf) continue;
    const set = bought.get(i.customerId) ?? new Set<number>();
    set.add(i.productId);
    bought.set(i.customerId, set);
  }
  return buildServingPublication({
    modelId: input.modelId,
    publishedAtMs: input.publishedAtMs,
    blend: servedBlend({ als, coPurchase, categoryPopularity, coldStart }),
    coPurchase,
    als,
    coldStart,
    global,
    customers: new Set(cells.map((c) => c.customerId)),
    bought,
    products: new Set([...input.productCategories.keys(), ...cells.map((c) => c.productId)]),
    trending,
    ...(input.k === undefined ? {} : { k: input.k }),
  });
}
