import { toMinorUnits } from '@ecom/domain';
import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import { arm } from '../state/customer-state.js';
import { describeSpan, orderEvidence, type RuleEvaluator } from './rule-evaluator.js';

/**
 * Small then large (Flink's walkthrough, in VND): an order strictly below `smallBelow` arms the customer; the
 * customer's next order (arrival order) alerts when strictly above `largeAbove` and, with `withinMinutes`, at most
 * that much event time after the small one. Every order disarms after the check, then arms again if it is small.
 *
 * @example
 * const stl = smallThenLargeEvaluator(parseRuleDefinition({ id: 'stl', kind: 'small-then-large' }) as RuleOfKind<'small-then-large'>);
 * stl.spanMs; // 60000
 */
export function smallThenLargeEvaluator(def: RuleOfKind<'small-then-large'>): RuleEvaluator {
  const small = toMinorUnits(def.params.smallBelow);
  const large = toMinorUnits(def.params.largeAbove);
  const within = def.params.withinMinutes === null ? null : ruleSpanMs(def);
  return {
    def,
    spanMs: within ?? 0,
    armedExpires: within !== null,
    onOrder(ctx, order, _version, isNew) {
      if (!isNew) return;
      const armed = ctx.state.armed[def.id];
      if (armed !== undefined) {
        delete ctx.state.armed[def.id];
        const inTime = within === null || (order.t >= armed.t && order.t - armed.t <= within);
        if (order.minor > large && inTime) {
          ctx.alert(def, 'high', {
            suffix: `o${order.id}`,
            orderId: order.id,
            eventTime: order.t,
            window: { start: armed.t, end: order.t },
            evidence: orderEvidence([armed, order], order.total),
            reason:
              `order of ${order.total} VND right after one of ${armed.total} VND` +
              (within === null ? '' : ` within ${describeSpan(within)}`),
          });
        }
      }
      if (order.minor < small) arm(ctx.state, def.id, order);
    },
  };
}
