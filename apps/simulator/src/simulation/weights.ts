import { z } from 'zod';
import { SimulatorError } from '../errors.js';

/**
 * The shopper actions a session chooses from, in the original's order.
 *
 * @example
 * ACTIONS.includes('place_order'); // true
 */
export const ACTIONS = [
  'view_product',
  'add_to_cart',
  'add_to_wishlist',
  'remove_from_cart',
  'place_order',
  'browse_category',
] as const;

/** A shopper action. */
export type Action = (typeof ACTIONS)[number];

/** Relative weight of each action (normalised to sum 1). */
export type ActionWeights = Readonly<Record<Action, number>>;

/**
 * The original simulator's weights (seed-spec §5.3): view 0.40, cart add 0.20, wishlist 0.15, cart remove 0.10,
 * order 0.10, browse 0.05.
 *
 * @example
 * DEFAULT_WEIGHTS.view_product; // 0.4
 */
export const DEFAULT_WEIGHTS: ActionWeights = {
  view_product: 0.4,
  add_to_cart: 0.2,
  add_to_wishlist: 0.15,
  remove_from_cart: 0.1,
  place_order: 0.1,
  browse_category: 0.05,
};

/** Short names accepted in `--weights` besides the action names. */
const ALIASES: Readonly<Record<string, Action>> = {
  view: 'view_product',
  cart_add: 'add_to_cart',
  wishlist: 'add_to_wishlist',
  cart_remove: 'remove_from_cart',
  order: 'place_order',
  browse: 'browse_category',
};

const weightsSchema = z.record(z.string(), z.number().finite().min(0).max(1_000_000));

/**
 * Parses `--weights` JSON: an object of action (or alias: view, cart_add, wishlist, cart_remove, order, browse) to a
 * non-negative weight. Given keys replace the defaults, omitted keys keep them; the result is normalised to sum 1.
 *
 * @throws {@link SimulatorError} `invalid_option` for bad JSON, unknown actions, negative weights or a zero total.
 *
 * @example
 * parseWeights('{"order": 0.3, "browse": 0}').place_order; // 0.3 / 1.15
 */
export function parseWeights(json: string | undefined): ActionWeights {
  if (json === undefined) return DEFAULT_WEIGHTS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new SimulatorError('invalid_option', `--weights is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = weightsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SimulatorError(
      'invalid_option',
      `--weights must be a JSON object of action to a number >= 0: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const merged: Record<Action, number> = { ...DEFAULT_WEIGHTS };
  for (const [key, value] of Object.entries(parsed.data)) {
    const action = (ACTIONS as readonly string[]).includes(key) ? (key as Action) : ALIASES[key];
    if (!action) {
      throw new SimulatorError(
        'invalid_option',
        `--weights has an unknown action "${key}": expected ${[...ACTIONS, ...Object.keys(ALIASES)].join(', ')}`,
      );
    }
    merged[action] = value;
  }
  const total = ACTIONS.reduce((sum, a) => sum + merged[a], 0);
  if (!(total > 0)) throw new SimulatorError('invalid_option', '--weights must not all be 0');
  return Object.fromEntries(ACTIONS.map((a) => [a, merged[a] / total])) as ActionWeights;
}
