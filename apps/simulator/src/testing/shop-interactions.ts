import {
  topCategoryRecovery,
  type Interaction,
  type LeaveLastOutSplit,
  type Recommender,
} from '@ecom/recommendations';
import { generateCategories, generateProducts } from '../catalogue/generate-catalogue.js';
import { Rng } from '../random/rng.js';
import { SimulationEngine } from '../simulation/engine.js';
import { ShopState, type ShopSnapshot } from '../simulation/shop-state.js';
import { ShopTastes } from '../simulation/tastes.js';
import { HISTORICAL_PROFILE } from '../simulation/timing-profile.js';
import { DEFAULT_WEIGHTS } from '../simulation/weights.js';

/** Size and seed of an in-memory simulated shop. */
export interface SimulatedShopOptions {
  readonly seed: string;
  readonly categories: number;
  readonly products: number;
  readonly customers: number;
  readonly days: number;
  readonly sessionsPerDay: number;
  /** End of the history (epoch ms). */
  readonly until: number;
}

/** What a simulated shop produced: interactions for the recommenders, the true tastes, each product's category. */
export interface SimulatedShop {
  readonly interactions: Interaction[];
  readonly tastes: ShopTastes;
  readonly productCategories: Map<number, number>;
}

/**
 * Runs the simulator's engine in memory (no PostgreSQL): the seeded catalogue of `generate`, customers with tastes,
 * `days` of historical sessions, turned into interactions (views, cart additions, wishlists, order lines).
 *
 * @example
 * const shop = simulateShopInteractions({ seed: '42', categories: 15, products: 200, customers: 100, days: 30, sessionsPerDay: 100, until: Date.parse('2026-12-01T00:00:00Z') });
 * shop.interactions.length; // ≈ 20 k
 */
export function simulateShopInteractions(options: SimulatedShopOptions): SimulatedShop {
  const rng = Rng.fromSeed(options.seed);
  const categories = generateCategories(options.categories);
  const products = generateProducts(rng.fork('products'), options.products, options.categories);
  const snapshot: ShopSnapshot = {
    customers: Array.from({ length: options.customers }, (_, i) => ({
      customerId: i + 1,
      address: `${i + 1} Lê Lợi, Quận 1, TP. Hồ Chí Minh`,
      city: 'TP. Hồ Chí Minh',
      zipCode: '70001',
    })),
    products: products.map((p) => ({
      productId: p.product_id,
      categoryId: p.category_id,
      price: p.price,
      stock: p.stock,
      isActive: p.is_active,
    })),
    categoryIds: categories.map((c) => c.category_id),
    carts: [],
    wishlists: [],
    maxOrderId: 0,
  };
  const tastes = ShopTastes.generate(snapshot.customers, snapshot.products, rng.fork('tastes'));
  const state = new ShopState(snapshot, rng.fork('popularity'), tastes);
  const engine = new SimulationEngine(state, rng.fork('simulate'), {
    start: options.until - options.days * 86_400_000,
    end: options.until,
    arrivals: { kind: 'daily', sessionsPerDay: options.sessionsPerDay },
    profile: HISTORICAL_PROFILE,
    weights: DEFAULT_WEIGHTS,
  });
  const interactions: Interaction[] = [];
  for (const op of engine.run()) {
    if (op.kind === 'event' && op.event.type === 'view_product' && op.event.productId !== undefined)
      interactions.push({
        customerId: op.event.customerId,
        productId: op.event.productId,
        type: 'view',
        at: op.at,
      });
    else if (op.kind === 'cart_set' && op.event.type === 'add_to_cart')
      interactions.push({
        customerId: op.customerId,
        productId: op.productId,
        type: 'cart',
        quantity: op.event.quantity ?? 1,
        at: op.at,
      });
    else if (op.kind === 'wishlist_add')
      interactions.push({ customerId: op.customerId, productId: op.productId, type: 'wishlist', at: op.at });
    else if (op.kind === 'place_order')
      for (const line of op.order.lines)
        interactions.push({
          customerId: op.order.customerId,
          productId: line.productId,
          type: 'purchase',
          quantity: line.quantity,
          at: op.at,
          basketId: op.order.orderId,
        });
  }
  return {
    interactions,
    tastes,
    productCategories: new Map(snapshot.products.map((p) => [p.productId, p.categoryId])),
  };
}

/**
 * Share of evaluated customers whose top-10 recommendations fall mostly in their true favourite category (the first
 * of the simulator's `favouriteCategories`): `topCategoryRecovery` against the tastes' ground truth.
 *
 * @example
 * recoveredTopCategoryMatch(shop, split, als); // 0.71
 */
export function recoveredTopCategoryMatch(
  shop: SimulatedShop,
  split: LeaveLastOutSplit,
  recommender: Recommender,
): number {
  return topCategoryRecovery(
    recommender,
    split,
    shop.productCategories,
    (id) => shop.tastes.of(id)?.favouriteCategories[0],
  );
}
