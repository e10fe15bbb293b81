import { compareMoney, parseMoney, type Money, type Order } from '@ecom/domain';
import type { FraudAlert } from './fraud-alert.js';

/** The fields of an order that the high-value rule reads. */
export type HighValueOrderInput = Pick<Order, 'order_id' | 'customer_id' | 'total_price' | 'order_date'>;

/** A stateless rule over single orders. */
export interface HighValueOrderRule {
  readonly id: 'high-value-order';
  readonly threshold: Money;
  /** Returns an alert when the order total is strictly above the threshold, else `null`. */
  evaluate(order: HighValueOrderInput): FraudAlert | null;
}

/** The original project's threshold: 10,000,000 VND. */
export const DEFAULT_HIGH_VALUE_THRESHOLD: Money = '10000000.00';

/**
 * Flags orders whose total is strictly above a threshold (default 10,000,000 VND).
 *
 * @remarks
 * Totals are compared as exact decimals, never as floats. The rule looks at orders, not at CDC events:
 * the stream job feeds it each order once (on insert), so an order that is later updated to `paid` or
 * `shipped` does not raise the alert again, which the original did for every change event.
 *
 * @example
 * const rule = highValueOrderRule();
 * rule.evaluate({ order_id: 1, customer_id: 7, total_price: '12500000.00', order_date: new Date('2026-11-25T07:30:00.000Z') });
 * // → { ruleId: 'high-value-order', customerId: 7, orderId: 1, value: '12500000.00', ... }
 * rule.evaluate({ order_id: 2, customer_id: 7, total_price: '10000000.00', order_date: new Date('2026-11-25T07:31:00.000Z') });
 * // → null (the threshold itself is not above the threshold)
 */
export function highValueOrderRule(options: { threshold?: string } = {}): HighValueOrderRule {
  const threshold = parseMoney(options.threshold ?? DEFAULT_HIGH_VALUE_THRESHOLD);
  return {
    id: 'high-value-order',
    threshold,
    evaluate(order) {
      const total = parseMoney(order.total_price);
      if (compareMoney(total, threshold) <= 0) return null;
      return {
        ruleId: 'high-value-order',
        customerId: order.customer_id,
        orderId: order.order_id,
        eventTime: order.order_date.toISOString(),
        reason: `order total ${total} VND is above ${threshold} VND`,
        value: total,
      };
    },
  };
}
