import { parseMoney, toMinorUnits, type Money, type Order } from '@ecom/domain';
import type { FraudAlert } from './alert.js';

/** The fields of an order that the high-value rule reads. */
export type HighValueOrderInput = Pick<Order, 'order_id' | 'customer_id' | 'total_price' | 'order_date'>;

/** A stateless rule over single orders (the detector's `high-value` kind, usable on its own). */
export interface HighValueOrderRule {
  readonly id: 'high-value-order';
  readonly threshold: Money;
  /** Returns an alert when the order total is strictly above the threshold, else `null`. */
  evaluate(order: HighValueOrderInput): FraudAlert | null;
}

/** The original project's threshold: 10,000,000 VND. */
export const DEFAULT_HIGH_VALUE_THRESHOLD: Money = '10000000.00';

/**
 * Flags orders whose total is strictly above a threshold (default 10,000,000 VND), statelessly; the alert has the
 * detector's shape and id scheme (`high-value-order/<customerId>/o<orderId>`), so a sink deduplicates it by id.
 *
 * @remarks
 * Totals are compared as exact decimals, never as floats. Inside a {@link createFraudDetector} use a `high-value`
 * rule instead: it also keeps the alert once per order across CDC updates and restarts.
 *
 * @example
 * const rule = highValueOrderRule();
 * rule.evaluate({ order_id: 1, customer_id: 7, total_price: '12500000.00', order_date: new Date('2026-11-25T07:30:00.000Z') });
 * // → { id: 'high-value-order/7/o1', ruleId: 'high-value-order', kind: 'high-value', customerId: 7, orderId: 1, ... }
 * rule.evaluate({ order_id: 2, customer_id: 7, total_price: '10000000.00', order_date: new Date('2026-11-25T07:31:00.000Z') });
 * // → null (the threshold itself is not above the threshold)
 */
export function highValueOrderRule(options: { threshold?: string } = {}): HighValueOrderRule {
  const threshold = parseMoney(options.threshold ?? DEFAULT_HIGH_VALUE_THRESHOLD);
  const limit = toMinorUnits(threshold);
  return {
    id: 'high-value-order',
    threshold,
    evaluate(order) {
      const total = parseMoney(order.total_price);
      if (toMinorUnits(total) <= limit) return null;
      const t = order.order_date.getTime();
      return {
        id: `high-value-order/${order.customer_id}/o${order.order_id}`,
        ruleId: 'high-value-order',
        kind: 'high-value',
        severity: 'medium',
        customerId: order.customer_id,
        orderId: order.order_id,
        eventTime: t,
        window: { start: t, end: t },
        evidence: { orderIds: [order.order_id], amounts: [total], value: total },
        reason: `order total ${total} VND is above ${threshold} VND`,
      };
    },
  };
}
