import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import type { OrderFact } from '../state/customer-state.js';
import {
  countIn,
  describeSpan,
  orderEvidence,
  ordersIn,
  type RuleContext,
  type RuleEvaluator,
} from './rule-evaluator.js';

/**
 * An order's item signature: its `"<product>x<quantity>"` items sorted, `''` without items.
 *
 * @example
 * itemSignature({ id: 1, t: 0, total: '1.00', minor: 100n, items: { '9': '5x1', '8': '3x2' } }); // '3x2,5x1'
 */
export function itemSignature(order: OrderFact): string {
  return (order.signature ??= order.items ? Object.values(order.items).sort().join(',') : '');
}

/**
 * Repeated orders: the customer's `count`-th order within `[t − window, t]` with the same items (`match: 'items'`,
 * evaluated when the watermark passes `t + settleSeconds`, so the order's items have arrived) or the same total
 * (`match: 'total'`, evaluated on arrival). One alert per order that reaches the count.
 *
 * @example
 * const r = repeatedOrdersEvaluator(parseRuleDefinition({ id: 'rep', kind: 'repeated-orders' }) as RuleOfKind<'repeated-orders'>);
 * r.settleMs; // 5000
 */
export function repeatedOrdersEvaluator(def: RuleOfKind<'repeated-orders'>): RuleEvaluator {
  const { count, match } = def.params;
  const settle = def.params.settleSeconds * 1000;
  const window = ruleSpanMs(def) - settle;
  const check = (ctx: RuleContext, order: OrderFact, same: (o: OrderFact) => boolean): void => {
    if (countIn(ctx.state.orders, order.t - window, order.t, same) < count) return;
    const matching = ordersIn(ctx.state.orders, order.t - window, order.t, same);
    ctx.alert(def, 'medium', {
      suffix: `o${order.id}`,
      orderId: order.id,
      eventTime: order.t,
      window: { start: order.t - window, end: order.t },
      evidence: orderEvidence(matching, String(matching.length)),
      reason: `${matching.length} orders with the same ${match === 'total' ? `total (${order.total} VND)` : 'items'} within ${describeSpan(window)} (${count} or more)`,
    });
  };
  if (match === 'total') {
    return {
      def,
      spanMs: window,
      onOrder(ctx, order, _version, isNew) {
        if (isNew) check(ctx, order, (o) => o.minor === order.minor);
      },
    };
  }
  return {
    def,
    spanMs: window + settle,
    settleMs: settle,
    onSettle(ctx, order) {
      const sig = itemSignature(order);
      if (sig !== '') check(ctx, order, (o) => itemSignature(o) === sig);
    },
  };
}
