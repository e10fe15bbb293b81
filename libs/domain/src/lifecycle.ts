import { DomainError } from './errors.js';
import {
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  SHIPMENT_STATUSES,
  type OrderStatus,
  type PaymentStatus,
  type ShipmentStatus,
} from './statuses.js';

/**
 * The status type of each lifecycle.
 *
 * @example
 * ```ts
 * type S = LifecycleStatus['payment']; // 'pending' | 'completed' | 'failed' | 'refunded'
 * ```
 */
export interface LifecycleStatus {
  order: OrderStatus;
  payment: PaymentStatus;
  shipment: ShipmentStatus;
}

/**
 * Name of a status lifecycle: `'order' | 'payment' | 'shipment'`.
 *
 * @example
 * ```ts
 * const lifecycle: Lifecycle = 'shipment';
 * ```
 */
export type Lifecycle = keyof LifecycleStatus;

/**
 * Definition of one lifecycle: its statuses, its initial status and the allowed moves.
 *
 * @example
 * ```ts
 * const order: LifecycleDefinition<'order'> = LIFECYCLES.order;
 * ```
 */
export interface LifecycleDefinition<L extends Lifecycle> {
  /** Every status, in lifecycle order. */
  readonly statuses: readonly LifecycleStatus[L][];
  /** The status a new row starts in (the column's database default). */
  readonly initial: LifecycleStatus[L];
  /** Allowed next statuses for each status; terminal statuses map to `[]`. */
  readonly transitions: { readonly [S in LifecycleStatus[L]]: readonly LifecycleStatus[L][] };
}

/**
 * The three explicit status lifecycles. A status never moves to itself; terminal statuses have no moves.
 *
 * @remarks
 * - order: `pending → paid → shipped → delivered`; `pending` or `paid` may go to `cancelled`.
 * - payment: `pending → completed` or `pending → failed`; `completed → refunded`.
 * - shipment: `preparing → in_transit → delivered`.
 *
 * The database enforces the same moves with a trigger on UPDATE (see `@ecom/domain/typeorm`).
 *
 * @example
 * ```ts
 * LIFECYCLES.order.transitions.paid; // ['shipped', 'cancelled']
 * LIFECYCLES.shipment.initial; // 'preparing'
 * ```
 */
export const LIFECYCLES: { readonly [L in Lifecycle]: LifecycleDefinition<L> } = {
  order: {
    statuses: ORDER_STATUSES,
    initial: 'pending',
    transitions: {
      pending: ['paid', 'cancelled'],
      paid: ['shipped', 'cancelled'],
      shipped: ['delivered'],
      delivered: [],
      cancelled: [],
    },
  },
  payment: {
    statuses: PAYMENT_STATUSES,
    initial: 'pending',
    transitions: {
      pending: ['completed', 'failed'],
      completed: ['refunded'],
      failed: [],
      refunded: [],
    },
  },
  shipment: {
    statuses: SHIPMENT_STATUSES,
    initial: 'preparing',
    transitions: {
      preparing: ['in_transit'],
      in_transit: ['delivered'],
      delivered: [],
    },
  },
};

/**
 * Whether `status` belongs to `lifecycle`.
 *
 * @example
 * ```ts
 * isLifecycleStatus('order', 'shipped'); // true
 * isLifecycleStatus('order', 'confirmed'); // false
 * ```
 */
export function isLifecycleStatus<L extends Lifecycle>(
  lifecycle: L,
  status: unknown,
): status is LifecycleStatus[L] {
  if (!Object.hasOwn(LIFECYCLES, lifecycle)) return false;
  return (LIFECYCLES[lifecycle].statuses as readonly unknown[]).includes(status);
}

/**
 * The statuses `from` may move to next (`[]` for a terminal status).
 *
 * @throws {@link DomainError} `unknown_lifecycle` or `unknown_status`.
 *
 * @example
 * ```ts
 * nextStatuses('payment', 'pending'); // ['completed', 'failed']
 * nextStatuses('order', 'delivered'); // []
 * ```
 */
export function nextStatuses<L extends Lifecycle>(
  lifecycle: L,
  from: LifecycleStatus[L],
): readonly LifecycleStatus[L][] {
  const definition = definitionOf(lifecycle);
  requireStatus(lifecycle, definition, from, 'from');
  return definition.transitions[from];
}

/**
 * Whether `lifecycle` allows moving from `from` to `to`. Never throws: unknown names give `false`.
 *
 * @example
 * ```ts
 * canTransition('order', 'pending', 'paid'); // true
 * canTransition('order', 'shipped', 'cancelled'); // false
 * canTransition('order', 'paid', 'paid'); // false: not a move
 * ```
 */
export function canTransition<L extends Lifecycle>(
  lifecycle: L,
  from: LifecycleStatus[L],
  to: LifecycleStatus[L],
): boolean {
  if (!isLifecycleStatus(lifecycle, from) || !isLifecycleStatus(lifecycle, to)) return false;
  return (LIFECYCLES[lifecycle] as LifecycleDefinition<L>).transitions[from].includes(to);
}

/**
 * Throws unless `lifecycle` allows moving from `from` to `to`; returns `to` so it can be assigned inline.
 *
 * @throws {@link DomainError} `unknown_lifecycle`, `unknown_status` (either status outside the set) or
 * `invalid_transition` (with `details.allowed` listing the legal next statuses).
 *
 * @example
 * ```ts
 * order.status = assertTransition('order', order.status, 'paid');
 * assertTransition('shipment', 'delivered', 'preparing'); // throws DomainError { code: 'invalid_transition' }
 * ```
 */
export function assertTransition<L extends Lifecycle>(
  lifecycle: L,
  from: LifecycleStatus[L],
  to: LifecycleStatus[L],
): LifecycleStatus[L] {
  const definition = definitionOf(lifecycle);
  requireStatus(lifecycle, definition, from, 'from');
  requireStatus(lifecycle, definition, to, 'to');
  const allowed = definition.transitions[from];
  if (!allowed.includes(to)) {
    throw new DomainError(
      'invalid_transition',
      `A ${lifecycle} cannot move from "${from}" to "${to}" (allowed: ${allowed.length ? allowed.join(', ') : 'none, it is terminal'})`,
      { details: { lifecycle, from, to, allowed: [...allowed] } },
    );
  }
  return to;
}

/**
 * Whether `status` is terminal (no further moves).
 *
 * @throws {@link DomainError} `unknown_lifecycle` or `unknown_status`.
 *
 * @example
 * ```ts
 * isTerminalStatus('order', 'cancelled'); // true
 * isTerminalStatus('payment', 'completed'); // false (it can still be refunded)
 * ```
 */
export function isTerminalStatus<L extends Lifecycle>(lifecycle: L, status: LifecycleStatus[L]): boolean {
  return nextStatuses(lifecycle, status).length === 0;
}

function definitionOf<L extends Lifecycle>(lifecycle: L): LifecycleDefinition<L> {
  const definition = Object.hasOwn(LIFECYCLES, lifecycle)
    ? (LIFECYCLES[lifecycle] as LifecycleDefinition<L>)
    : undefined;
  if (definition === undefined) {
    throw new DomainError(
      'unknown_lifecycle',
      `Unknown lifecycle ${JSON.stringify(lifecycle)}: expected order, payment or shipment`,
      {
        details: { lifecycle, allowed: Object.keys(LIFECYCLES) },
      },
    );
  }
  return definition;
}

function requireStatus<L extends Lifecycle>(
  lifecycle: L,
  definition: LifecycleDefinition<L>,
  status: unknown,
  role: 'from' | 'to',
): asserts status is LifecycleStatus[L] {
  if (!(definition.statuses as readonly unknown[]).includes(status)) {
    throw new DomainError(
      'unknown_status',
      `Unknown ${lifecycle} status ${JSON.stringify(status)} (${role}): expected one of ${definition.statuses.join(', ')}`,
      { details: { lifecycle, status, role, allowed: [...definition.statuses] } },
    );
  }
}
