/**
 * The fraud job's names and options (its output topic, `fraud_alerts`, is `ALERT_TOPIC` of the alert sinks): the
 * topic name of its routed records, and the rules it starts with when none are configured (the original's two: more than 5 orders
 * per customer within a minute, an order above 10,000,000 VND).
 */
import type { RuleDefinitionInput } from '@ecom/fraud';

/** The job's name (checkpoints, results). */
export const FRAUD_JOB = 'fraud';

/** The topic name routed records travel under to the merging task. */
export const FRAUD_RECORDS_TOPIC = 'fraud.records';

/**
 * The compacted topic of rule changes the job reads (`FRAUD_RULES_TOPIC` overrides it): key = rule id, value = the
 * definition's JSON, a tombstone to delete. `npm run jobs -- rules put|pause|delete` publishes to it.
 *
 * @example
 * DEFAULT_FRAUD_RULES_TOPIC; // 'fraud_rules'
 */
export const DEFAULT_FRAUD_RULES_TOPIC = 'fraud_rules';

/**
 * The original's rules, as data: velocity (> 5 orders in a 1-minute look-back) and high value (> 10,000,000 VND).
 *
 * @example
 * DEFAULT_FRAUD_RULES.map((r) => r.id); // ['velocity-1m', 'high-value']
 */
export const DEFAULT_FRAUD_RULES: readonly RuleDefinitionInput[] = [
  { id: 'velocity-1m', kind: 'velocity', params: { maxOrders: 5, windowMinutes: 1 } },
  { id: 'high-value', kind: 'high-value', params: { threshold: '10000000.00' } },
];
