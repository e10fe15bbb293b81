import { toMinorUnits } from '@ecom/domain';
import type { RuleOfKind } from '../rules/rule-schema.js';
import type { RuleEvaluator } from './rule-evaluator.js';

/**
 * High value: an order total strictly above the threshold, once per order (every version is checked, the alert id
 * `…/o<orderId>` makes it once).
 *
 * @example
 * const hv = highValueEvaluator(parseRuleDefinition({ id: 'hv', kind: 'high-value' }) as RuleOfKind<'high-value'>);
 * hv.spanMs; // 0
 */
export function highValueEvaluator(def: RuleOfKind<'high-value'>): RuleEvaluator {
  const threshold = toMinorUnits(def.params.threshold);
  return {
    def,
    spanMs: 0,
    onOrder(ctx, order, version) {
      if (version.minor <= threshold) return;
      ctx.alert(def, 'medium', {
        suffix: `o${order.id}`,
        orderId: order.id,
        eventTime: order.t,
        window: { start: order.t, end: order.t },
        evidence: { orderIds: [order.id], amounts: [version.total], value: version.total },
        reason: `order total ${version.total} VND is above ${def.params.threshold} VND`,
      });
    },
  };
}
