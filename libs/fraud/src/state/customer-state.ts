import { toMinorUnits, type Money } from '@ecom/domain';
import type { StateCodec } from '@ecom/windowing';

/**
 * An order as the windowed rules see it: first sighting, by order id (later CDC updates never count again).
 *
 * @example
 * const o: OrderFact = { id: 7, t: 1_700_000_000_000, total: '150000.00', minor: 15000000n };
 */
export interface OrderFact {
  readonly id: number;
  /** Event time (`order_date`, epoch ms). */
  readonly t: number;
  readonly total: Money;
  readonly minor: bigint;
  /** Items by `order_item_id`: `"<product_id>x<quantity>"` (filled by order_items events). */
  items?: Record<string, string>;
  /** Cache of the items' signature (repeated orders); reset when items arrive, never snapshotted. */
  signature?: string;
}

/**
 * A payment as the payment rules see it.
 *
 * @example
 * const p: PaymentFact = { id: 3, orderId: 7, t: 1_700_000_000_000, method: 'paypal', amount: '150000.00', failed: false };
 */
export interface PaymentFact {
  readonly id: number;
  readonly orderId: number;
  readonly t: number;
  readonly method: string;
  readonly amount: Money;
  failed: boolean;
}

/**
 * One customer's fraud state (the detector's keyed value state), mutated in place by the evaluators.
 *
 * @example
 * const s = emptyCustomerState();
 * s.orders.push({ id: 1, t: 0, total: '1.00', minor: 100n });
 */
export interface CustomerState {
  /** Retained orders, in arrival order. */
  orders: OrderFact[];
  /** Retained payments, in arrival order. */
  payments: PaymentFact[];
  /** The customer's `created_at` (epoch ms), once a customers record was seen. */
  createdAt?: number;
  /** small-then-large: the customer's previous order per rule id, when it was small. */
  armed: Record<string, OrderFact>;
  /**
   * Emitted alert ids → the event time they are retained by. A `Map`: as object keys, every new alert id would add
   * a hidden class to V8's transition tree. Created with the customer's first alert.
   */
  emitted?: Map<string, number>;
  /** The pending clean-up timer. */
  timer?: number;
}

/**
 * A fresh customer state.
 *
 * @example
 * emptyCustomerState().orders; // []
 */
export function emptyCustomerState(): CustomerState {
  return { orders: [], payments: [], armed: {} };
}

const NO_ORDERS: OrderFact[] = Object.freeze([]) as unknown as OrderFact[];
const NO_PAYMENTS: PaymentFact[] = Object.freeze([]) as unknown as PaymentFact[];
const NO_ARMED: Record<string, OrderFact> = Object.freeze({}) as Record<string, OrderFact>;

/**
 * A fresh customer state whose empty parts are shared, frozen placeholders (copied on first write through
 * {@link addOrder}, {@link addPayment} and {@link arm}): the detector creates one per customer, most of which never
 * see a payment or an armed order.
 *
 * @example
 * const s = sparseCustomerState();
 * addOrder(s, { id: 1, t: 0, total: '1.00', minor: 100n });
 * s.orders.length; // 1
 */
export function sparseCustomerState(): CustomerState {
  return { orders: NO_ORDERS, payments: NO_PAYMENTS, armed: NO_ARMED };
}

/**
 * Appends an order to the state's retained orders.
 *
 * @example
 * addOrder(emptyCustomerState(), { id: 1, t: 0, total: '1.00', minor: 100n });
 */
export function addOrder(s: CustomerState, order: OrderFact): void {
  if (s.orders === NO_ORDERS) s.orders = [order];
  else s.orders.push(order);
}

/**
 * Appends a payment to the state's retained payments.
 *
 * @example
 * addPayment(emptyCustomerState(), { id: 3, orderId: 1, t: 0, method: 'paypal', amount: '1.00', failed: false });
 */
export function addPayment(s: CustomerState, payment: PaymentFact): void {
  if (s.payments === NO_PAYMENTS) s.payments = [payment];
  else s.payments.push(payment);
}

/**
 * Arms a small-then-large rule with the customer's small order.
 *
 * @example
 * arm(emptyCustomerState(), 'stl', { id: 1, t: 0, total: '1.00', minor: 100n });
 */
export function arm(s: CustomerState, ruleId: string, order: OrderFact): void {
  if (s.armed === NO_ARMED) s.armed = {};
  s.armed[ruleId] = order;
}

type OrderJson = [number, number, Money, Record<string, string>?];
type PaymentJson = [number, number, number, string, Money, boolean];
interface CustomerStateJson {
  o?: OrderJson[];
  p?: PaymentJson[];
  c?: number;
  a?: Record<string, OrderJson>;
  e?: Record<string, number>;
  x?: number;
}

const orderJson = (o: OrderFact): OrderJson =>
  o.items ? [o.id, o.t, o.total, o.items] : [o.id, o.t, o.total];
const orderFact = ([id, t, total, items]: OrderJson): OrderFact => ({
  id,
  t,
  total,
  minor: toMinorUnits(total),
  ...(items ? { items } : {}),
});

/**
 * The JSON codec of {@link CustomerState} (bigint totals travel as their decimal strings; empty parts are left out).
 *
 * @example
 * const json = customerStateCodec.toJSON!(emptyCustomerState()); // {}
 */
export const customerStateCodec: StateCodec<CustomerState> = {
  toJSON(s) {
    const j: CustomerStateJson = {};
    if (s.orders.length) j.o = s.orders.map(orderJson);
    if (s.payments.length) j.p = s.payments.map((p) => [p.id, p.orderId, p.t, p.method, p.amount, p.failed]);
    if (s.createdAt !== undefined) j.c = s.createdAt;
    const armed = Object.entries(s.armed);
    if (armed.length) j.a = Object.fromEntries(armed.map(([rule, o]) => [rule, orderJson(o)]));
    if (s.emitted?.size) j.e = Object.fromEntries(s.emitted);
    if (s.timer !== undefined) j.x = s.timer;
    return j;
  },
  fromJSON(json) {
    const j = json as CustomerStateJson;
    const s = emptyCustomerState();
    s.orders = (j.o ?? []).map(orderFact);
    s.payments = (j.p ?? []).map(([id, orderId, t, method, amount, failed]) => ({
      id,
      orderId,
      t,
      method,
      amount,
      failed,
    }));
    if (j.c !== undefined) s.createdAt = j.c;
    for (const [rule, o] of Object.entries(j.a ?? {})) s.armed[rule] = orderFact(o);
    if (j.e !== undefined) s.emitted = new Map(Object.entries(j.e));
    if (j.x !== undefined) s.timer = j.x;
    return s;
  },
};

/**
 * Drops what no accepted event can look back to: orders, payments, armed orders (of rules with a time limit) and
 * emitted ids with event time below `cutoff`. Returns whether anything but `createdAt` and unlimited armed orders is left.
 *
 * @example
 * const s = emptyCustomerState();
 * s.orders.push({ id: 1, t: 0, total: '1.00', minor: 100n });
 * evictBefore(s, 10, () => true); // false (the order is gone)
 */
export function evictBefore(
  s: CustomerState,
  cutoff: number,
  armedExpires: (ruleId: string) => boolean,
): boolean {
  if (s.orders.length && s.orders.some((o) => o.t < cutoff)) s.orders = s.orders.filter((o) => o.t >= cutoff);
  if (s.payments.length && s.payments.some((p) => p.t < cutoff))
    s.payments = s.payments.filter((p) => p.t >= cutoff);
  for (const [rule, o] of Object.entries(s.armed))
    if (o.t < cutoff && armedExpires(rule)) delete s.armed[rule];
  if (s.emitted !== undefined) {
    for (const [id, t] of s.emitted) if (t < cutoff) s.emitted.delete(id);
    if (s.emitted.size === 0) s.emitted = undefined;
  }
  return s.orders.length > 0 || s.payments.length > 0 || s.emitted !== undefined;
}

/**
 * The oldest event time held by the evictable parts of the state, or `undefined`.
 *
 * @example
 * oldestEventTime(emptyCustomerState()); // undefined
 */
export function oldestEventTime(s: CustomerState): number | undefined {
  let min = Infinity;
  for (const o of s.orders) if (o.t < min) min = o.t;
  for (const p of s.payments) if (p.t < min) min = p.t;
  if (s.emitted !== undefined) for (const t of s.emitted.values()) if (t < min) min = t;
  return min === Infinity ? undefined : min;
}
