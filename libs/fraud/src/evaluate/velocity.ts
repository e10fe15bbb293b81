import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import { countIn, describeSpan, orderEvidence, ordersIn, type RuleEvaluator } from './rule-evaluator.js';

/**
 * Velocity: more than `maxOrders` orders of a customer within the span. `look-back` (default) evaluates each new order
 * against `[t − span, t]` and alerts on the order that makes the count pass the limit (and every later order while it
 * stays above; ids per order); `tumbling` counts per epoch-aligned window `[start, start + span)` as the original and
 * alerts once per window, as soon as the count passes the limit.
 *
 * @example
 * const v = velocityEvaluator(parseRuleDefinition({ id: 'v', kind: 'velocity' }) as RuleOfKind<'velocity'>);
 * v.spanMs; // 60000
 */
export function velocityEvaluator(def: RuleOfKind<'velocity'>): RuleEvaluator {
  const span = ruleSpanMs(def);
  const { maxOrders } = def.params;
  const tumbling = def.params.window === 'tumbling';
  return {
    def,
    spanMs: span,
    onOrder(ctx, order, _version, isNew) {
      if (!isNew) return;
      const start = tumbling ? order.t - (((order.t % span) + span) % span) : order.t - span;
      const end = tumbling ? start + span - 1 : order.t;
      if (countIn(ctx.state.orders, start, end) <= maxOrders) return;
      const inWindow = ordersIn(ctx.state.orders, start, end);
      ctx.alert(def, 'high', {
        suffix: tumbling ? `w${start}` : `o${order.id}`,
        orderId: order.id,
        eventTime: order.t,
        window: { start, end },
        evidence: orderEvidence(inWindow, String(inWindow.length)),
        reason: `${inWindow.length} orders within ${tumbling ? 'the aligned window of ' : ''}${describeSpan(span)} (more than ${maxOrders})`,
      });
    },
  };
}
