import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import type { PaymentFact } from '../state/customer-state.js';
import { countIn, describeSpan, paymentsIn, type RuleEvaluator } from './rule-evaluator.js';

const isFailed = (p: PaymentFact): boolean => p.failed;

/** How many distinct payment methods the payments in `[start, end]` used. */
function distinctMethods(payments: readonly PaymentFact[], start: number, end: number): number {
  const seen: string[] = [];
  for (const p of payments) if (p.t >= start && p.t <= end && !seen.includes(p.method)) seen.push(p.method);
  return seen.length;
}

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
      const start = payment.t - span;
      const n =
        mode === 'failed-payments'
          ? countIn(ctx.state.payments, start, payment.t, isFailed)
          : distinctMethods(ctx.state.payments, start, payment.t);
      if (n < count) return;
      const window = paymentsIn(
        ctx.state.payments,
        start,
        payment.t,
        mode === 'failed-payments' ? isFailed : undefined,
      );
      const methods = [...new Set(window.map((p) => p.method))].sort();
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
