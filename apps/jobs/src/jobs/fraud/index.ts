// The fraud job: routed records (phase one) → one detector in event-time order (phase two) → alerts.
export { createFraudMergeJob, type FraudMergeOptions, type FraudMergeStage } from './fraud-merge-job.js';
export { FraudRuleChanges, readRuleChange, type RuleChange } from './fraud-rule-changes.js';
export { toAlertRecord } from './fraud-alert-record.js';
export {
  DEFAULT_FRAUD_RULES,
  DEFAULT_FRAUD_RULES_TOPIC,
  FRAUD_JOB,
  FRAUD_RECORDS_TOPIC,
} from './fraud-options.js';
export { createFraudRouterJob } from './fraud-router-job.js';
export { FRAUD_TABLES, fraudRecord, fraudRow, type FraudRow } from './fraud-rows.js';
