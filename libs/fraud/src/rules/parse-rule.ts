import { err, ok, type Result } from '@ecom/domain';
import { FraudError } from '../errors.js';
import { ruleDefinitionSchema, type RuleDefinition } from './rule-schema.js';

function readId(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Validates a rule definition; a bad one is a `FraudError` `invalid_rule` with the zod issues and the rule id, as a value.
 *
 * @example
 * const r = safeParseRuleDefinition({ id: 'hv', kind: 'high-value', params: { threshold: '1e7' } });
 * if (!r.ok) r.error.issues[0]?.path; // ['params', 'threshold']
 */
export function safeParseRuleDefinition(input: unknown): Result<RuleDefinition, FraudError> {
  const parsed = ruleDefinitionSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const ruleId = readId(input);
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
  return err(
    new FraudError('invalid_rule', `rule ${ruleId ?? '(no id)'} is invalid: ${where}`, {
      ruleId,
      issues: parsed.error.issues,
      raw: input,
    }),
  );
}

/**
 * Validates a rule definition or throws a `FraudError` `invalid_rule` (zod issues and rule id attached).
 *
 * @example
 * const def = parseRuleDefinition({ id: 'velocity-1m', kind: 'velocity' });
 * (def as RuleOfKind<'velocity'>).params.maxOrders; // 5
 */
export function parseRuleDefinition(input: unknown): RuleDefinition {
  const r = safeParseRuleDefinition(input);
  if (!r.ok) throw r.error;
  return r.value;
}
