import type { Money } from '@ecom/domain';
import type { RuleKind, Severity } from './rules/rule-schema.js';

/**
 * What an alert rests on: the orders (and payments) involved, their exact totals, and the measured value.
 *
 * @example
 * const evidence: FraudEvidence = { orderIds: [1, 2], amounts: ['10000.00', '15000000.00'], value: '15000000.00' };
 */
export interface FraudEvidence {
  /** The orders the rule looked at (event-time order), the triggering one last. */
  readonly orderIds: readonly number[];
  /** Their totals as exact decimal strings, in the same order. */
  readonly amounts: readonly Money[];
  /** Payments involved (payment rules). */
  readonly paymentIds?: readonly number[];
  /** Distinct payment methods involved (payment rules). */
  readonly paymentMethods?: readonly string[];
  /** The measured value: a count, or an exact decimal for money. */
  readonly value: string;
}

/**
 * One fraud alert. `id` is stable: `<ruleId>/<customerId>/o<orderId>` for rules evaluated per order,
 * `<ruleId>/<customerId>/p<paymentId>` per payment and `<ruleId>/<customerId>/w<windowStart>` for tumbling windows,
 * so sinks can upsert by it and the detector never emits it twice.
 *
 * @example
 * const alert: FraudAlert = {
 *   id: 'velocity-1m/42/o1006', ruleId: 'velocity-1m', kind: 'velocity', severity: 'high', customerId: 42, orderId: 1006,
 *   eventTime: 1_700_000_030_000, window: { start: 1_699_999_970_000, end: 1_700_000_030_000 },
 *   evidence: { orderIds: [1001, 1002, 1003, 1004, 1005, 1006], amounts: ['1.00', '1.00', '1.00', '1.00', '1.00', '1.00'], value: '6' },
 *   reason: '6 orders within 1 minute (more than 5)',
 * };
 */
export interface FraudAlert {
  readonly id: string;
  readonly ruleId: string;
  readonly kind: RuleKind;
  readonly severity: Severity;
  readonly customerId: number;
  /** The triggering order, when there is one. */
  readonly orderId?: number;
  /** The triggering payment (payment rules). */
  readonly paymentId?: number;
  /** Event time (epoch ms) of the triggering event. */
  readonly eventTime: number;
  /** The event-time span the rule looked at, epoch ms, both ends inclusive (`start = end` for single orders). */
  readonly window: { readonly start: number; readonly end: number };
  readonly evidence: FraudEvidence;
  /** Human-readable explanation. */
  readonly reason: string;
}
