import { createKeyedProcessOperator, valueState, type Clock, type StateCodec } from '@ecom/windowing';
import type { ItemTuple, JoinEvent } from './detector-events.js';
import { roundUpToMinute } from './detector-events.js';

const NO_PROCESSING_TIME: Clock = { now: () => 0 };

/**
 * An order's join state: its customer id once the order was seen, else the items that came before it. The clean-up
 * timer is registered with the state, so a key with state has one. A number or an array, no object per order: the
 * join holds every order of the retention.
 */
type JoinValue = number | ItemTuple[];

/** Snapshots before the compact state: `{ c: customer, t, i: items, x: timer }`. */
interface LegacyJoinState {
  c?: number;
  i?: ItemTuple[];
}

const joinCodec: StateCodec<JoinValue> = {
  toJSON: (v) => v,
  fromJSON(json) {
    if (typeof json === 'number' || Array.isArray(json)) return json as JoinValue;
    const legacy = json as LegacyJoinState;
    return legacy.c ?? legacy.i ?? [];
  },
};
const joinStateDescriptors = { j: valueState<JoinValue>(joinCodec) };

/**
 * The order-keyed join that routes order items (which carry no customer id) to their order's customer: items that
 * arrive before their order wait for it; state is cleared `retention` after the first event of the order.
 *
 * @example
 * const join = createOrderJoinOperator(() => 3_600_000, (customerId, orderId, items, t) => console.log(customerId, orderId, items, t));
 * join.onElement(1, { k: 'item', item: [10, 3, 1], t: 0 }, 0);
 * join.onElement(1, { k: 'order', customerId: 7, t: 0 }, 0); // logs 7 1 [[10, 3, 1]] 0
 */
export function createOrderJoinOperator(
  retentionMs: () => number,
  forward: (customerId: number, orderId: number, items: readonly ItemTuple[], t: number) => void,
) {
  return createKeyedProcessOperator<number, JoinEvent, never, typeof joinStateDescriptors>({
    name: 'ecom-fraud/order-items/v1',
    state: joinStateDescriptors,
    clock: NO_PROCESSING_TIME,
    processElement(ev, ctx) {
      const j = ctx.state.j.value();
      if (j === undefined) ctx.timerService.registerEventTimeTimer(roundUpToMinute(ev.t + retentionMs()));
      if (typeof j === 'number') {
        if (ev.k === 'item') forward(j, ctx.currentKey, [ev.item], ev.t);
      } else if (ev.k === 'order') {
        if (j !== undefined) forward(ev.customerId, ctx.currentKey, j, ev.t);
        ctx.state.j.update(ev.customerId);
      } else if (j === undefined) ctx.state.j.update([ev.item]);
      else j.push(ev.item);
    },
    onTimer(_time, ctx) {
      ctx.state.j.clear();
    },
  });
}

/**
 * The join operator's type.
 *
 * @example
 * declare const join: OrderJoinOperator;
 * join.stateSize().eventTimers;
 */
export type OrderJoinOperator = ReturnType<typeof createOrderJoinOperator>;
