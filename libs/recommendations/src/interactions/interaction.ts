import { RecommendationsError } from '../errors.js';

/**
 * What a customer did with a product: bought it (an order line), put it in the cart, wishlisted it or viewed it.
 *
 * @example
 * const kind: InteractionType = 'purchase';
 */
export type InteractionType = 'purchase' | 'cart' | 'wishlist' | 'view';

/**
 * One interaction of a customer with a product, at an event time (epoch ms). `basketId` groups the lines of one order
 * (co-purchase); `quantity` counts for purchases and carts (default 1).
 *
 * @example
 * const line: Interaction = { customerId: 7, productId: 42, type: 'purchase', quantity: 2, at: Date.parse('2026-11-03T05:41:06Z'), basketId: 1103 };
 */
export interface Interaction {
  readonly customerId: number;
  readonly productId: number;
  readonly type: InteractionType;
  readonly at: number;
  readonly quantity?: number;
  readonly basketId?: number | string;
}

/**
 * The weights of the original's unfinished feature job (seed-spec §13.7): a purchase or a cart line weighs its
 * quantity times the recency weight; a wishlist entry a constant 0.6 with no recency. The original had no views;
 * ours weigh 0.1 times the recency weight (a view is a weak signal).
 *
 * @example
 * ORIGINAL_INTERACTION_WEIGHTS.wishlist; // 0.6
 */
export const ORIGINAL_INTERACTION_WEIGHTS = {
  /** Multiplier of quantity × recency. */
  purchase: 1,
  /** Multiplier of quantity × recency. */
  cart: 1,
  /** Constant weight, no recency. */
  wishlist: 0.6,
  /** Multiplier of recency (quantity ignored). */
  view: 0.1,
} as const satisfies Readonly<Record<InteractionType, number>>;

/** Per-type multipliers (see {@link ORIGINAL_INTERACTION_WEIGHTS}). */
export type InteractionWeights = Readonly<Record<InteractionType, number>>;

const DAY_MS = 86_400_000;

/**
 * The original's recency weight of an event `daysAgo` days before the cut-off: 1.0 up to 30 days, 0.8 up to 90, 0.6
 * up to 180, else 0.4.
 *
 * @example
 * recencyWeight(45); // 0.8
 */
export function recencyWeight(daysAgo: number): number {
  if (daysAgo <= 30) return 1;
  if (daysAgo <= 90) return 0.8;
  if (daysAgo <= 180) return 0.6;
  return 0.4;
}

/**
 * The weight of one interaction as of `asOf` (epoch ms): quantity × recency for purchases and carts, the constant for
 * wishlists, recency for views, each times its type's multiplier. Days ago are whole days (`date_diff`).
 *
 * @throws {@link RecommendationsError} `invalid_interaction` for a bad id, type, quantity or time.
 *
 * @example
 * interactionWeight({ customerId: 1, productId: 2, type: 'cart', quantity: 3, at: 0 }, 40 * 86_400_000); // 3 × 0.8
 */
export function interactionWeight(
  interaction: Interaction,
  asOf: number,
  weights: InteractionWeights = ORIGINAL_INTERACTION_WEIGHTS,
): number {
  validateInteraction(interaction);
  const daysAgo = Math.max(0, Math.floor((asOf - interaction.at) / DAY_MS));
  const quantity = interaction.quantity ?? 1;
  switch (interaction.type) {
    case 'purchase':
    case 'cart':
      return weights[interaction.type] * quantity * recencyWeight(daysAgo);
    case 'wishlist':
      return weights.wishlist;
    case 'view':
      return weights.view * recencyWeight(daysAgo);
  }
}

const TYPES: ReadonlySet<string> = new Set<InteractionType>(['purchase', 'cart', 'wishlist', 'view']);

function validateInteraction(i: Interaction): void {
  const bad = (what: string): never => {
    throw new RecommendationsError('invalid_interaction', `interaction ${what}: ${JSON.stringify(i)}`, {
      raw: i,
    });
  };
  if (!Number.isSafeInteger(i.customerId)) bad('customerId is not an integer');
  if (!Number.isSafeInteger(i.productId)) bad('productId is not an integer');
  if (!TYPES.has(i.type)) bad(`type "${String(i.type)}" is not purchase, cart, wishlist or view`);
  if (!Number.isFinite(i.at)) bad('at is not an epoch-millisecond time');
  if (i.quantity !== undefined && !(Number.isFinite(i.quantity) && i.quantity > 0))
    bad('quantity is not positive');
}

/** One (customer, product) cell of the interaction matrix, as the original's `user_item_interactions` mart. */
export interface WeightedInteraction {
  readonly customerId: number;
  readonly productId: number;
  /** Aggregated weight (the original: `avg_weight`; ours by default: the sum). */
  readonly weight: number;
  /** Latest event time (epoch ms). */
  readonly lastAt: number;
  /** Number of interactions aggregated. */
  readonly count: number;
}

/** Options of {@link aggregateInteractions}. */
export interface AggregateOptions {
  /** Cut-off (epoch ms): interactions at or after it are dropped, recency counts back from it. */
  readonly asOf: number;
  readonly weights?: InteractionWeights;
  /** `sum` (default; more interactions, more confidence) or `avg` (the original's `avg_weight`). */
  readonly aggregate?: 'sum' | 'avg';
}

/**
 * Groups interactions by (customer, product) into weighted cells (the original's `user_item_interactions`), sorted by
 * customer then product.
 *
 * @example
 * aggregateInteractions(events, { asOf: Date.parse('2026-12-01T00:00:00Z') });
 */
export function aggregateInteractions(
  interactions: Iterable<Interaction>,
  options: AggregateOptions,
): WeightedInteraction[] {
  const cells = new Map<
    string,
    { customerId: number; productId: number; weight: number; lastAt: number; count: number }
  >();
  for (const i of interactions) {
    if (i.at >= options.asOf) continue;
    const weight = interactionWeight(i, options.asOf, options.weights);
    const key = `${i.customerId}:${i.productId}`;
    const cell = cells.get(key);
    if (cell) {
      cell.weight += weight;
      cell.count++;
      if (i.at > cell.lastAt) cell.lastAt = i.at;
    } else
      cells.set(key, { customerId: i.customerId, productId: i.productId, weight, lastAt: i.at, count: 1 });
  }
  const rows = [...cells.values()];
  if (options.aggregate === 'avg') for (const r of rows) r.weight /= r.count;
  return rows.sort((a, b) => a.customerId - b.customerId || a.productId - b.productId);
}
