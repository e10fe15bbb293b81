/**
 * One fraud alert: which rule fired, for whom, on which order, when (event time) and why.
 *
 * @example
 * const alert: FraudAlert = {
 *   ruleId: 'high-value-order',
 *   customerId: 12,
 *   orderId: 4711,
 *   eventTime: '2026-11-25T07:30:00.000Z',
 *   reason: 'order total 12500000.00 VND is above 10000000.00 VND',
 *   value: '12500000.00',
 * };
 */
export interface FraudAlert {
  /** Stable id of the rule that fired. */
  readonly ruleId: string;
  readonly customerId: number;
  /** The order that triggered the alert, when the rule looks at single orders. */
  readonly orderId?: number;
  /** Event time of the triggering order (ISO-8601, UTC). */
  readonly eventTime: string;
  /** Human-readable explanation. */
  readonly reason: string;
  /** The measured value (an exact decimal string for money, or a count). */
  readonly value: string;
}
