export type { FraudAlert } from './fraud-alert.js';
export {
  DEFAULT_HIGH_VALUE_THRESHOLD,
  highValueOrderRule,
  type HighValueOrderInput,
  type HighValueOrderRule,
} from './high-value-order.rule.js';
