import type { Rng } from '../random/rng.js';
import type { SimCustomer, SimProduct } from './shop-state.js';

/** Share of a customer's category affinity spread evenly over every category (exploration). */
const EXPLORATION = 0.12;
/** Width (standard deviation, in price quantiles of the category) of a customer's price band. */
const PRICE_BAND_WIDTH = 0.2;
/** Share of active products that belong to a bundle of products often bought together. */
const BUNDLED_SHARE = 0.4;

/** One customer's latent preferences, drawn from the seed (`tastes/<customer id>`), never from the traffic. */
export interface CustomerTaste {
  readonly customerId: number;
  /** Category id → affinity (sums to 1; the favourites hold most of it). */
  readonly categoryAffinity: ReadonlyMap<number, number>;
  /** Favourite category ids, strongest first. */
  readonly favouriteCategories: readonly number[];
  /** Centre of the price band, as a price quantile within a category (0 = cheapest, 1 = dearest). */
  readonly priceQuantile: number;
}

/** Products that are often bought together (same category): viewing one leads to viewing the others. */
export interface Bundle {
  readonly bundleId: number;
  readonly productIds: readonly number[];
}

/**
 * Latent tastes of every customer and the shop's bundles. Category affinities and price bands drive what a session
 * browses and views; bundles make a shopper who put one product in the cart look at its partners next, so
 * products bought together are a real signal. Each customer's taste depends only on the seed, the customer id and
 * the shoppable categories (adding customers does not change the others); the bundles only on the seed and the
 * products.
 *
 * @example
 * const drawn = ShopTastes.generate(state.customers, [...state.products.values()], rng.fork('tastes'));
 * drawn.of(1)?.favouriteCategories; // e.g. [3, 11]
 */
export class ShopTastes {
  /** Bundle of each bundled product. */
  private readonly bundleOf = new Map<number, Bundle>();
  /** Price quantile of each active product within its category. */
  private readonly quantile = new Map<number, number>();

  private constructor(
    private readonly byCustomer: ReadonlyMap<number, CustomerTaste>,
    readonly bundles: readonly Bundle[],
    products: readonly SimProduct[],
  ) {
    for (const bundle of bundles) for (const id of bundle.productIds) this.bundleOf.set(id, bundle);
    for (const group of groupByCategory(products).values()) {
      const sorted = [...group].sort(
        (a, b) => Number(a.price) - Number(b.price) || a.productId - b.productId,
      );
      sorted.forEach((p, i) =>
        this.quantile.set(p.productId, sorted.length > 1 ? i / (sorted.length - 1) : 0.5),
      );
    }
  }

  /**
   * Draws the tastes of `customers` and the bundles of the active `products`.
   *
   * @example
   * ShopTastes.generate(state.customers, [...state.products.values()], Rng.fromSeed(42).fork('tastes'));
   */
  static generate(customers: readonly SimCustomer[], products: readonly SimProduct[], rng: Rng): ShopTastes {
    const active = products.filter((p) => p.isActive);
    const categories = [...new Set(active.map((p) => p.categoryId))].sort((a, b) => a - b);
    const byCustomer = new Map<number, CustomerTaste>();
    for (const customer of customers) {
      byCustomer.set(
        customer.customerId,
        drawTaste(customer.customerId, categories, rng.fork(`customer/${customer.customerId}`)),
      );
    }
    return new ShopTastes(byCustomer, drawBundles(active, rng.fork('bundles')), active);
  }

  /**
   * The taste of a customer (undefined for a customer created after the tastes were drawn).
   *
   * @example
   * tastes.of(7)?.priceQuantile; // 0.31
   */
  of(customerId: number): CustomerTaste | undefined {
    return this.byCustomer.get(customerId);
  }

  /** Every customer's taste, by customer id. */
  get customers(): IterableIterator<CustomerTaste> {
    return this.byCustomer.values();
  }

  /**
   * The other products of `productId`'s bundle (empty when it has none).
   *
   * @example
   * tastes.partnersOf(12); // [40, 77]
   */
  partnersOf(productId: number): number[] {
    return (this.bundleOf.get(productId)?.productIds ?? []).filter((id) => id !== productId);
  }

  /**
   * How well a product's price fits the customer's band: 1 at the centre, falling off as a Gaussian in quantiles.
   *
   * @example
   * tastes.priceFit(taste, product); // 0.05 … 1
   */
  priceFit(taste: CustomerTaste, product: SimProduct): number {
    return this.priceFitAt(taste, this.quantileOf(product.productId));
  }

  /**
   * {@link ShopTastes.priceFit} of a product at price quantile `q` within its category.
   *
   * @example
   * tastes.priceFitAt(taste, 0.5);
   */
  priceFitAt(taste: CustomerTaste, q: number): number {
    const d = (q - taste.priceQuantile) / PRICE_BAND_WIDTH;
    return 0.05 + Math.exp(-0.5 * d * d);
  }

  /**
   * A product's price quantile within its category (0.5 for a product the tastes do not know).
   *
   * @example
   * tastes.quantileOf(12); // 0.25
   */
  quantileOf(productId: number): number {
    return this.quantile.get(productId) ?? 0.5;
  }
}

function groupByCategory(products: readonly SimProduct[]): Map<number, SimProduct[]> {
  const groups = new Map<number, SimProduct[]>();
  for (const p of products) {
    if (!p.isActive) continue;
    const group = groups.get(p.categoryId) ?? [];
    group.push(p);
    groups.set(p.categoryId, group);
  }
  return groups;
}

/** 1–3 favourite categories holding 88 % of the affinity (gamma-like weights), the rest spread evenly. */
function drawTaste(customerId: number, categories: readonly number[], rng: Rng): CustomerTaste {
  const count = Math.min(categories.length, rng.int(1, 3));
  const pool = [...categories];
  const favourites: { id: number; weight: number }[] = [];
  for (let i = 0; i < count; i++) {
    const [id] = pool.splice(rng.int(0, pool.length - 1), 1) as [number];
    favourites.push({ id, weight: 0.3 + rng.exponential(1) });
  }
  favourites.sort((a, b) => b.weight - a.weight || a.id - b.id);
  const total = favourites.reduce((s, f) => s + f.weight, 0);
  const affinity = new Map<number, number>();
  const even = categories.length > 0 ? (favourites.length === categories.length ? 0 : EXPLORATION) : 0;
  for (const id of categories) affinity.set(id, even / categories.length);
  for (const f of favourites) affinity.set(f.id, (affinity.get(f.id) ?? 0) + ((1 - even) * f.weight) / total);
  return {
    customerId,
    categoryAffinity: affinity,
    favouriteCategories: favourites.map((f) => f.id),
    priceQuantile: rng.next(),
  };
}

/** Bundles of 2–3 active products of one category, covering about {@link BUNDLED_SHARE} of them. */
function drawBundles(active: readonly SimProduct[], rng: Rng): Bundle[] {
  const bundles: Bundle[] = [];
  for (const [, group] of [...groupByCategory(active)].sort((a, b) => a[0] - b[0])) {
    const pool = group.map((p) => p.productId).sort((a, b) => a - b);
    let budget = Math.floor(pool.length * BUNDLED_SHARE);
    while (budget >= 2 && pool.length >= 2) {
      const size = Math.min(pool.length, budget, rng.int(2, 3));
      const ids: number[] = [];
      for (let i = 0; i < size; i++) ids.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as number);
      bundles.push({ bundleId: bundles.length + 1, productIds: ids.sort((a, b) => a - b) });
      budget -= size;
    }
  }
  return bundles;
}
