// @ecom/fraud: fraud rules as data and a pure, keyed, event-time fraud detector on @ecom/windowing.
export type { FraudAlert, FraudEvidence } from './alert.js';
export { FraudError, isFraudError, type FraudErrorCode } from './errors.js';
export {
  SEVERITIES,
  ruleDefinitionSchema,
  type RuleDefinition,
  type RuleDefinitionInput,
  type RuleKind,
  type RuleOfKind,
  type Severity,
} from './rules/rule-schema.js';
export { parseRuleDefinition, safeParseRuleDefinition } from './rules/parse-rule.js';
export { ruleSpanMs } from './rules/rule-span.js';
export { fromFlinkDynamicRule, type FlinkDynamicRule } from './rules/flink-dynamic-rule.js';
export {
  createFraudDetector,
  type FraudDetector,
  type FraudDetectorOptions,
} from './detector/create-fraud-detector.js';
export type {
  CustomerInput,
  FraudRecord,
  OrderInput,
  OrderItemInput,
  PaymentInput,
} from './detector/fraud-record.js';
export {
  FRAUD_SNAPSHOT_FORMAT,
  type FraudDetectorMetrics,
  type FraudDetectorSnapshot,
} from './detector/fraud-snapshot.js';
export {
  DEFAULT_HIGH_VALUE_THRESHOLD,
  highValueOrderRule,
  type HighValueOrderInput,
  type HighValueOrderRule,
} from './high-value-order.rule.js';
