/**
 * What one change of orders or order_items does to the windows, decided before the state changes: it is applied
 * (and which windows it changes), refused as late (it would change a window closed for corrections), or ignored
 * (it changes no figure of a closed window the state no longer holds).
 */
import type { OrderItemJoin } from './order-item-join.js';
import type { ItemFacts, OrderFacts, TableChange } from './record-changes.js';

/**
 * The decision: `apply` with the windows whose figures change, `late` with the closed window it would change, or
 * `ignore`.
 *
 * @example
 * const plan: ChangePlan = { action: 'apply', windows: [0] };
 */
export type ChangePlan =
  | { readonly action: 'apply'; readonly windows: readonly number[] }
  | { readonly action: 'late'; readonly window: number }
  | { readonly action: 'ignore' };

/** Where an order's items count: the window of its date, and whether they count (not cancelled). */
interface Position {
  readonly window: number;
  readonly counted: boolean;
}

const position = (join: OrderItemJoin, order: OrderFacts | undefined): Position | undefined =>
  order && { window: join.windowOf(order.date), counted: order.status !== 'cancelled' };

const samePosition = (a: Position | undefined, b: Position | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.window === b.window && a.counted === b.counted);

const sameItem = (a: ItemFacts | undefined, b: ItemFacts | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.orderId === b.orderId &&
    a.productId === b.productId &&
    a.quantity === b.quantity &&
    a.price === b.price);

const IGNORE: ChangePlan = { action: 'ignore' };

/**
 * Late (it has an `effect` on a closed window among the two probed), ignored (a closed window, no effect, and no state
 * for the row), or `undefined`: apply it.
 */
function refusal(
  effect: boolean,
  known: boolean,
  probes: readonly [number | undefined, number | undefined],
  closed: (window: number) => boolean,
): ChangePlan | undefined {
  const [a, b] = probes;
  const closedWindow = a !== undefined && closed(a) ? a : b !== undefined && closed(b) ? b : undefined;
  if (closedWindow === undefined) return undefined;
  if (effect) return { action: 'late', window: closedWindow };
  return known ? undefined : IGNORE;
}

/** The windows among `a` and `b` that exist, as an apply plan. */
const apply = (a: number | undefined, b: number | undefined): ChangePlan => ({
  action: 'apply',
  windows: a === undefined ? (b === undefined ? [] : [b]) : b === undefined ? [a] : [a, b],
});

/** The window an item counts in (its order's), else the window of its `created_at`. */
const probe = (join: OrderItemJoin, item: ItemFacts | undefined): number | undefined =>
  item && (join.itemWindow(item) ?? join.windowOf(item.createdAt));

/**
 * An order change. Its effect is judged against the state, else against the record's `before` (an order the
 * state dropped with its closed window): a new date window or a cancellation (or un-cancellation) is an effect; a
 * status change between counted statuses (paid → shipped, days later) is not, and is never late.
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * const join = new OrderItemJoin(60_000);
 * planOrderChange(join, { table: 'orders', id: 1, after: { date: 0, status: 'paid' } }, () => false); // { action: 'apply', windows: [0] }
 */
export function planOrderChange(
  join: OrderItemJoin,
  { id, before, after }: Extract<TableChange, { table: 'orders' }>,
  closed: (window: number) => boolean,
): ChangePlan {
  const old = join.orders.get(id);
  const prev = position(join, old ?? before);
  const next = position(join, after);
  const refused = refusal(!samePosition(prev, next), old !== undefined, [prev?.window, next?.window], closed);
  if (refused !== undefined) return refused;
  const was = position(join, old);
  return samePosition(was, next) ? apply(undefined, undefined) : apply(was?.window, next?.window);
}

/**
 * An order_items change. Its windows are those of its orders (before and after); an item whose order is unknown
 * is probed with the window of its `created_at` (an item of an order the state dropped long ago is late, not
 * waiting). A change of order, product, quantity or price is an effect; other columns are not.
 *
 * @example
 * import { OrderItemJoin } from './order-item-join.js';
 * const join = new OrderItemJoin(60_000);
 * const item = { orderId: 1, productId: 7, quantity: 1, price: '5.00', revenue: '5.00', createdAt: 0 };
 * planItemChange(join, { table: 'order_items', id: 10, after: item }, () => false); // { action: 'apply', windows: [] }: order 1 unknown
 */
export function planItemChange(
  join: OrderItemJoin,
  { id, before, after }: Extract<TableChange, { table: 'order_items' }>,
  closed: (window: number) => boolean,
): ChangePlan {
  const old = join.items.get(id);
  const prev = old ?? before;
  const probes = [probe(join, prev), probe(join, after)] as const;
  const refused = refusal(!sameItem(prev, after), old !== undefined, probes, closed);
  if (refused !== undefined) return refused;
  if (sameItem(old, after)) return apply(undefined, undefined);
  return apply(old && join.itemWindow(old), after && join.itemWindow(after));
}
