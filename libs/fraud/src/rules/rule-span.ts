import type { RuleDefinition } from './rule-schema.js';

const MINUTE = 60_000;

/**
 * How far back (event-time ms) a rule looks from the event it evaluates; 0 for the stateless high-value rules.
 * The detector retains history for the largest span of its rules (and at least its horizon).
 *
 * @example
 * ruleSpanMs({ id: 'v', kind: 'velocity', state: 'active', params: { maxOrders: 5, windowMinutes: 1, window: 'look-back' } }); // 60000
 */
export function ruleSpanMs(rule: RuleDefinition): number {
  switch (rule.kind) {
    case 'velocity':
    case 'payment-method-hopping':
    case 'aggregate':
      return Math.round(rule.params.windowMinutes * MINUTE);
    case 'repeated-orders':
      return Math.round(rule.params.windowMinutes * MINUTE) + rule.params.settleSeconds * 1000;
    case 'small-then-large':
      return rule.params.withinMinutes === null ? 0 : Math.round(rule.params.withinMinutes * MINUTE);
    case 'high-value':
    case 'new-account-high-value':
      return 0;
  }
}
