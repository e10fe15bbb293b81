import { toMinorUnits } from '@ecom/domain';
import type { RuleOfKind } from '../rules/rule-schema.js';
import type { OrderFact } from '../state/customer-state.js';
import type { RuleContext, RuleEvaluator } from './rule-evaluator.js';

/**
 * New account, high value: an order strictly above `threshold` placed within `withinHours` of the customer's
 * `created_at` (needs customers records). Checked on every order version and, when the customer record arrives
 * after its orders, against the retained orders; once per order.
 *
 * @example
 * const na = newAccountEvaluator(parseRuleDefinition({ id: 'na', kind: 'new-account-high-value' }) as RuleOfKind<'new-account-high-value'>);
 * na.spanMs; // 0
 */
export function newAccountEvaluator(def: RuleOfKind<'new-account-high-value'>): RuleEvaluator {
  const threshold = toMinorUnits(def.params.threshold);
  const within = Math.round(def.params.withinHours * 3_600_000);
  const check = (ctx: RuleContext, order: OrderFact, total: string, minor: bigint): void => {
    const created = ctx.state.createdAt;
    if (created === undefined || minor <= threshold || order.t < created || order.t - created > within)
      return;
    ctx.alert(def, 'high', {
      suffix: `o${order.id}`,
      orderId: order.id,
      eventTime: order.t,
      window: { start: created, end: order.t },
      evidence: { orderIds: [order.id], amounts: [total], value: total },
      reason: `order of ${total} VND ${Math.floor((order.t - created) / 60_000)} min after the account was created (above ${def.params.threshold} VND within ${def.params.withinHours} h)`,
    });
  };
  return {
    def,
    spanMs: 0,
    onOrder: (ctx, order, version) => check(ctx, order, version.total, version.minor),
    onCustomer(ctx) {
      for (const order of ctx.state.orders) check(ctx, order, order.total, order.minor);
    },
  };
}
