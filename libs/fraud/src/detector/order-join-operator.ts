import { createKeyedProcessOperator, valueState, type Clock } from '@ecom/windowing';
import type { ItemTuple, JoinEvent } from './detector-events.js';
import { roundUpToMinute } from './detector-events.js';

const NO_PROCESSING_TIME: Clock = { now: () => 0 };

interface JoinState {
  /** The order's customer, once the order was seen. */
  c?: number;
  t?: number;
  /** Items seen before their order. */
  i?: ItemTuple[];
  /** Clean-up timer. */
  x?: number;
}
const joinStateDescriptors = { j: valueState<JoinState>() };

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
      const j = ctx.state.j.value() ?? {};
      if (ev.k === 'order') {
        if (j.c === undefined) {
          j.c = ev.customerId;
          j.t = ev.t;
          if (j.i !== undefined) forward(j.c, ctx.currentKey, j.i, ev.t);
          delete j.i;
        }
      } else if (j.c !== undefined) {
        forward(j.c, ctx.currentKey, [ev.item], j.t ?? ev.t);
      } else {
        (j.i ??= []).push(ev.item);
      }
      if (j.x === undefined) {
        j.x = roundUpToMinute(ev.t + retentionMs());
        ctx.timerService.registerEventTimeTimer(j.x);
      }
      ctx.state.j.update(j);
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
