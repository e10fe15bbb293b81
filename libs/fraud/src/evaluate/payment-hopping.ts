import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import { describeSpan, paymentsIn, type RuleEvaluator } from './rule-evaluator.js';

/**
 * Payment-method hopping: within `[t − window, t]` of a payment, the customer used `count` or more distinct payment
 * methods (`distinct-methods`, checked on each new payment) or had `count` or more failed payments (`failed-payments`,
 * checked when a payment is first seen failed). One alert per triggering payment.
 *
 * @example
 * const ph = paymentHoppingEvaluator(parseRuleDefinition({ id: 'ph', kind: 'payment-method-hopping' }) as RuleOfKind<'payment-method-hopping'>);
 * ph.spanMs; // 600000
 */
export function paymentHoppingEvaluator(def: RuleOfKind<'payment-method-hopping'>): RuleEvaluator {
  const span = ruleSpanMs(def);
  const { count, mode } = def.params;
  return {
    def,
    spanMs: span,
    onPayment(ctx, payment, change) {
      if ((mode === 'failed-payments') !== (change === 'failed')) return;
      const window = paymentsIn(
        ctx.state.payments,
        payment.t - span,
        payment.t,
        mode === 'failed-payments' ? (p) => p.failed : undefined,
      );
      const methods = [...new Set(window.map((p) => p.method))].sort();
      const n = mode === 'failed-payments' ? window.length : methods.length;
      if (n < count) return;
      ctx.alert(def, 'medium', {
        suffix: `p${payment.id}`,
        orderId: payment.orderId,
        paymentId: payment.id,
        eventTime: payment.t,
        window: { start: payment.t - span, end: payment.t },
        evidence: {
          orderIds: window.map((p) => p.orderId),
          amounts: window.map((p) => p.amount),
          paymentIds: window.map((p) => p.id),
          paymentMethods: methods,
          value: String(n),
        },
        reason:
          mode === 'failed-payments'
            ? `${n} failed payments within ${describeSpan(span)} (${count} or more)`
            : `${n} payment methods within ${describeSpan(span)} (${count} or more): ${methods.join(', ')}`,
      });
    },
  };
}
