import type { Money } from '@ecom/domain';
import type { Rng } from '../random/rng.js';
import type { CustomerTaste, ShopTastes } from './tastes.js';

/** A customer as the simulation sees it. */
export interface SimCustomer {
  readonly customerId: number;
  readonly address: string;
  readonly city: string;
  readonly zipCode: string | null;
}

/** A product as the simulation sees it (stock changes as orders are placed). */
export interface SimProduct {
  readonly productId: number;
  readonly categoryId: number;
  readonly price: Money;
  readonly isActive: boolean;
  stock: number;
}

/** The database state a simulation starts from (read by `loadSnapshot`, or built by tests). */
export interface ShopSnapshot {
  readonly customers: readonly SimCustomer[];
  readonly products: readonly SimProduct[];
  readonly categoryIds: readonly number[];
  readonly carts: readonly { customerId: number; productId: number; quantity: number }[];
  readonly wishlists: readonly { customerId: number; productId: number }[];
  /** Largest order id in use (0 when there are none). */
  readonly maxOrderId: number;
}

/** Cumulative-weight sampler over a fixed list. */
class Sampler<T> {
  private readonly cumulative: Float64Array;
  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    this.cumulative = Float64Array.from(weights, (w) => (sum += w));
  }
  get size(): number {
    return this.items.length;
  }
  sample(rng: Rng): T | undefined {
    if (this.cumulative.length === 0) return undefined;
    return this.items[searchCumulative(this.cumulative, this.cumulative.length, rng)];
  }
}

/**
 * Mutable in-memory state of the shop during a simulation: stock, cart lines and wishlists, plus popularity-skewed
 * product sampling (a few products get most views, so recommendations have a signal).
 *
 * @example
 * const state = new ShopState(snapshot, rng.fork('popularity'));
 * state.sampleProduct(rng, 3); // an active product of category 3, popular ones more often
 */
export class ShopState {
  readonly customers: readonly SimCustomer[];
  readonly products = new Map<number, SimProduct>();
  readonly categoryIds: readonly number[];
  /** customer id → (product id → quantity). */
  readonly carts = new Map<number, Map<number, number>>();
  /** customer id → wishlisted product ids. */
  readonly wishlists = new Map<number, Set<number>>();
  private readonly all: Sampler<SimProduct>;
  private readonly byCategory = new Map<number, Sampler<SimProduct>>();
  /** Active products of each category with their popularity weights (for taste-weighted sampling). */
  private readonly categoryProducts: ReadonlyMap<number, { items: SimProduct[]; weights: number[] }>;
  /** Price quantile of each product of `categoryProducts`, in the same order (with tastes). */
  private readonly quantiles = new Map<number, Float64Array>();
  /** Cumulative category affinities of each customer, over `shoppable` (built on first use). */
  private readonly affinityCache = new Map<number, Float64Array>();
  private readonly shoppable: readonly number[];
  private scratch = new Float64Array(0);
  private nextOrder: number;

  /**
   * @param tastes the customers' latent preferences; without them every shopper picks products the same way
   *   (popularity only), as before tastes existed.
   */
  constructor(
    snapshot: ShopSnapshot,
    popularityRng: Rng,
    readonly tastes?: ShopTastes,
  ) {
    this.customers = snapshot.customers;
    this.categoryIds = snapshot.categoryIds;
    const active: SimProduct[] = [];
    const weights: number[] = [];
    const perCategory = new Map<number, { items: SimProduct[]; weights: number[] }>();
    for (const source of snapshot.products) {
      const product = { ...source };
      this.products.set(product.productId, product);
      // Log-normal popularity: a long tail with a few best sellers.
      const u1 = Math.max(popularityRng.next(), 1e-12);
      const u2 = popularityRng.next();
      const weight = Math.exp(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
      if (!product.isActive) continue;
      active.push(product);
      weights.push(weight);
      const bucket = perCategory.get(product.categoryId) ?? { items: [], weights: [] };
      bucket.items.push(product);
      bucket.weights.push(weight);
      perCategory.set(product.categoryId, bucket);
    }
    this.all = new Sampler(active, weights);
    for (const [categoryId, bucket] of perCategory)
      this.byCategory.set(categoryId, new Sampler(bucket.items, bucket.weights));
    this.categoryProducts = perCategory;
    this.shoppable = [...this.byCategory.keys()].sort((a, b) => a - b);
    if (tastes)
      for (const [categoryId, bucket] of perCategory)
        this.quantiles.set(
          categoryId,
          Float64Array.from(bucket.items, (p) => tastes.quantileOf(p.productId)),
        );
    for (const line of snapshot.carts) this.cartOf(line.customerId).set(line.productId, line.quantity);
    for (const line of snapshot.wishlists) this.wishlistOf(line.customerId).add(line.productId);
    this.nextOrder = snapshot.maxOrderId + 1;
  }

  /** Whether there is at least one active product to shop. */
  get hasActiveProducts(): boolean {
    return this.all.size > 0;
  }

  /** Category ids that have active products. */
  get shoppableCategories(): number[] {
    return [...this.shoppable];
  }

  /** The next order id (ids are assigned by the simulation, so they are deterministic). */
  takeOrderId(): number {
    return this.nextOrder++;
  }

  /** The customer's cart lines (created empty on first use). */
  cartOf(customerId: number): Map<number, number> {
    let cart = this.carts.get(customerId);
    if (!cart) this.carts.set(customerId, (cart = new Map()));
    return cart;
  }

  /** The customer's wishlist (created empty on first use). */
  wishlistOf(customerId: number): Set<number> {
    let list = this.wishlists.get(customerId);
    if (!list) this.wishlists.set(customerId, (list = new Set()));
    return list;
  }

  /** An active product, popularity-weighted, from `categoryId` when given and shoppable. */
  sampleProduct(rng: Rng, categoryId?: number): SimProduct | undefined {
    const sampler = (categoryId !== undefined && this.byCategory.get(categoryId)) || this.all;
    return sampler.sample(rng);
  }

  /**
   * A shoppable category drawn from the customer's affinities (uniform without tastes).
   *
   * @example
   * state.sampleCategory(rng, state.tastes?.of(7)); // mostly one of customer 7's favourite categories
   */
  sampleCategory(rng: Rng, taste: CustomerTaste | undefined): number {
    const categories = this.shoppable;
    if (!taste) return rng.pick(categories);
    let cumulative = this.affinityCache.get(taste.customerId);
    if (!cumulative) {
      cumulative = new Float64Array(categories.length);
      let sum = 0;
      categories.forEach(
        (id, i) => ((cumulative as Float64Array)[i] = sum += taste.categoryAffinity.get(id) ?? 0),
      );
      this.affinityCache.set(taste.customerId, cumulative);
    }
    return categories[searchCumulative(cumulative, cumulative.length, rng)] as number;
  }

  /**
   * An active product of `categoryId` for this customer: popularity times the fit to the customer's price band.
   *
   * @example
   * state.sampleForTaste(rng, taste, 3);
   */
  sampleForTaste(rng: Rng, taste: CustomerTaste, categoryId: number): SimProduct | undefined {
    const bucket = this.categoryProducts.get(categoryId);
    const tastes = this.tastes;
    if (!bucket || !tastes) return this.sampleProduct(rng, categoryId);
    const quantiles = this.quantiles.get(categoryId) as Float64Array;
    const n = bucket.items.length;
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++)
      this.scratch[i] = sum +=
        (bucket.weights[i] as number) * tastes.priceFitAt(taste, quantiles[i] as number);
    return bucket.items[searchCumulative(this.scratch, n, rng)];
  }

  /** Active products, for fraud scenarios. */
  activeProducts(): SimProduct[] {
    return [...this.products.values()].filter((p) => p.isActive);
  }
}

/** The index whose cumulative weight first exceeds a uniform draw over the total (one draw, binary search). */
function searchCumulative(cumulative: Float64Array, n: number, rng: Rng): number {
  const r = rng.next() * (cumulative[n - 1] as number);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
