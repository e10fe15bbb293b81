import type { RuleDefinition } from '../rules/rule-schema.js';
import { aggregateEvaluator } from './aggregate.js';
import { highValueEvaluator } from './high-value.js';
import { newAccountEvaluator } from './new-account.js';
import { paymentHoppingEvaluator } from './payment-hopping.js';
import { repeatedOrdersEvaluator } from './repeated-orders.js';
import type { RuleEvaluator } from './rule-evaluator.js';
import { smallThenLargeEvaluator } from './small-then-large.js';
import { velocityEvaluator } from './velocity.js';

/**
 * The evaluator of a validated rule definition.
 *
 * @example
 * compileRule(parseRuleDefinition({ id: 'v', kind: 'velocity' })).spanMs; // 60000
 */
export function compileRule(def: RuleDefinition): RuleEvaluator {
  switch (def.kind) {
    case 'velocity':
      return velocityEvaluator(def);
    case 'high-value':
      return highValueEvaluator(def);
    case 'repeated-orders':
      return repeatedOrdersEvaluator(def);
    case 'small-then-large':
      return smallThenLargeEvaluator(def);
    case 'new-account-high-value':
      return newAccountEvaluator(def);
    case 'payment-method-hopping':
      return paymentHoppingEvaluator(def);
    case 'aggregate':
      return aggregateEvaluator(def);
  }
}
