import type { ModelVersion } from '../model/model-version.js';
import type { RecommendationReason } from '../recommender.js';

/**
 * One served product: id, score (comparable within its list only), why it was chosen, and, in a customer's list,
 * whether the customer already bought it (the API drops those unless asked).
 *
 * @example
 * const item: ServedItem = { productId: 42, score: 0.8, reason: 'als', bought: false };
 */
export interface ServedItem {
  readonly productId: number;
  readonly score: number;
  readonly reason: RecommendationReason;
  readonly bought?: boolean;
}

/**
 * The kinds of published lists: a customer's recommendations, a product's similar products, the trending products
 * of a category ({@link ALL_CATEGORIES} for the whole shop), and the popular list for customers without one.
 *
 * @example
 * const kind: ServingListKind = 'similar';
 */
export type ServingListKind = 'customer' | 'similar' | 'trending' | 'popular';

/**
 * The subject of the shop-wide trending list and of the popular list.
 *
 * @example
 * declare const store: ServingStore;
 * await store.list('trending', ALL_CATEGORIES);
 */
export const ALL_CATEGORIES = 0;

/**
 * A list read from the store, with the model that produced it.
 *
 * @example
 * const list: ServedList = { modelId: 'als-20261204T0200Z', items: [] };
 */
export interface ServedList {
  readonly modelId: string;
  readonly items: readonly ServedItem[];
}

/**
 * Everything one `publish` makes visible at once: per-customer lists, per-product similar lists, trending per
 * category (key {@link ALL_CATEGORIES}: all), and the popular list.
 *
 * @example
 * const publication: ServingPublication = {
 *   modelId: 'als-1', publishedAtMs: 0, customers: new Map(), similar: new Map(), trending: new Map(), popular: [],
 * };
 */
export interface ServingPublication {
  readonly modelId: string;
  readonly publishedAtMs: number;
  /** The model's version record, kept next to the publication by stores that can (optional). */
  readonly version?: ModelVersion;
  readonly customers: ReadonlyMap<number, readonly ServedItem[]>;
  readonly similar: ReadonlyMap<number, readonly ServedItem[]>;
  readonly trending: ReadonlyMap<number, readonly ServedItem[]>;
  readonly popular: readonly ServedItem[];
}

/**
 * The serving store port. `publish` replaces the previous publication atomically (readers see the old one or the
 * new one, never a mix); `list` answers `null` for a subject without a list or when nothing was published.
 *
 * @example
 * declare const store: ServingStore;
 * const mine = (await store.list('customer', 7)) ?? (await store.list('popular', ALL_CATEGORIES));
 */
export interface ServingStore {
  publish(publication: ServingPublication): Promise<void>;
  activeModel(): Promise<{ readonly modelId: string; readonly publishedAtMs: number } | null>;
  list(kind: ServingListKind, subject: number): Promise<ServedList | null>;
}

/**
 * The lists of a publication by kind and subject, as every adapter lays them out.
 *
 * @example
 * declare const publication: ServingPublication;
 * for (const [kind, subject, items] of publicationLists(publication)) console.log(kind, subject, items.length);
 */
export function* publicationLists(
  publication: ServingPublication,
): Generator<readonly [ServingListKind, number, readonly ServedItem[]]> {
  for (const [id, items] of publication.customers) yield ['customer', id, items];
  for (const [id, items] of publication.similar) yield ['similar', id, items];
  for (const [id, items] of publication.trending) yield ['trending', id, items];
  yield ['popular', ALL_CATEGORIES, publication.popular];
}

/**
 * A {@link ServingStore} in memory: for tests, and the baseline of the API's serving benchmark.
 *
 * @example
 * const store = new InMemoryServingStore();
 * await store.publish({ modelId: 'm', publishedAtMs: 0, customers: new Map([[7, []]]), similar: new Map(), trending: new Map(), popular: [] });
 * await store.list('customer', 7); // { modelId: 'm', items: [] }
 */
export class InMemoryServingStore implements ServingStore {
  private current: { modelId: string; publishedAtMs: number; lists: Map<string, ServedList> } | null = null;

  async publish(publication: ServingPublication): Promise<void> {
    const lists = new Map<string, ServedList>();
    for (const [kind, subject, items] of publicationLists(publication))
      lists.set(`${kind}:${subject}`, { modelId: publication.modelId, items });
    this.current = { modelId: publication.modelId, publishedAtMs: publication.publishedAtMs, lists };
  }

  async activeModel(): Promise<{ modelId: string; publishedAtMs: number } | null> {
    return this.current && { modelId: this.current.modelId, publishedAtMs: this.current.publishedAtMs };
  }

  async list(kind: ServingListKind, subject: number): Promise<ServedList | null> {
    return this.current?.lists.get(`${kind}:${subject}`) ?? null;
  }
}
