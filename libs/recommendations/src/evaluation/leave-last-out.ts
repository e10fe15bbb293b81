import type { Interaction } from '../interactions/interaction.js';

/** A leave-last-out split: the training interactions and, per evaluated customer, the held-out product. */
export interface LeaveLastOutSplit {
  readonly train: Interaction[];
  /** Customer id → the product of their last purchase. */
  readonly heldOut: Map<number, number>;
  /** Customer id → the products they interacted with in training (excluded from their recommendations). */
  readonly seen: Map<number, Set<number>>;
}

/**
 * Leave-last-out per customer: the product of each customer's last purchase (latest `at`; among lines of one order,
 * the last in input order) is held out, and every interaction of that customer with that product leaves the training
 * set (else its cart line would give it away). Customers with nothing else in training are not evaluated.
 *
 * @example
 * const split = leaveLastOut(interactions);
 * split.heldOut.get(7); // 42: customer 7 last bought product 42
 */
export function leaveLastOut(interactions: readonly Interaction[]): LeaveLastOutSplit {
  const last = new Map<number, Interaction>();
  for (const i of interactions) {
    if (i.type !== 'purchase') continue;
    const current = last.get(i.customerId);
    if (!current || i.at >= current.at) last.set(i.customerId, i);
  }
  const train: Interaction[] = [];
  const seen = new Map<number, Set<number>>();
  for (const i of interactions) {
    if (last.get(i.customerId)?.productId === i.productId) continue;
    train.push(i);
    const set = seen.get(i.customerId) ?? new Set<number>();
    set.add(i.productId);
    seen.set(i.customerId, set);
  }
  const heldOut = new Map<number, number>();
  for (const [customerId, i] of [...last].sort((a, b) => a[0] - b[0]))
    if (seen.has(customerId)) heldOut.set(customerId, i.productId);
  return { train, heldOut, seen };
}
