/**
 * Where `jobs run fraud` takes its rules from: `FRAUD_RULES_FILE`, a JSON array of rule definitions (@ecom/fraud's
 * `{ id, kind, params, state, severity }`), read and validated at start-up (without it, the original's two rules),
 * and the rules topic, `FRAUD_RULES_TOPIC` (default `fraud_rules`), whose changes override them while it runs.
 */
import { readFileSync } from 'node:fs';
import { safeParseRuleDefinition, type RuleDefinition, type RuleDefinitionInput } from '@ecom/fraud';
import { z } from 'zod';
import { parseEnv } from '../../runtime/config/parse-env.js';
import { JobsConfigError } from '../../runtime/errors.js';
import { DEFAULT_FRAUD_RULES, DEFAULT_FRAUD_RULES_TOPIC } from './fraud-options.js';

const schema = z.object({ FRAUD_RULES_FILE: z.string().optional() });
const topicSchema = z.object({
  FRAUD_RULES_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a Kafka topic name' })
    .default(DEFAULT_FRAUD_RULES_TOPIC),
});

/**
 * The topic of rule changes (`FRAUD_RULES_TOPIC`, default `fraud_rules`). Throws `JobsConfigError` naming the key
 * for a name Kafka would refuse.
 *
 * @example
 * fraudRulesTopic({}); // 'fraud_rules'
 */
export function fraudRulesTopic(env: Readonly<Record<string, string | undefined>>): string {
  return parseEnv(topicSchema, env, 'fraud').FRAUD_RULES_TOPIC;
}

/**
 * The configured rules, validated. Throws `JobsConfigError` naming `FRAUD_RULES_FILE` for a file that cannot be
 * read, is not a JSON array, or holds a bad definition (the message names the rule id and the zod issue).
 *
 * @example
 * loadFraudRules({}).map((r) => r.id); // ['velocity-1m', 'high-value']
 */
export function loadFraudRules(env: Readonly<Record<string, string | undefined>>): RuleDefinition[] {
  const { FRAUD_RULES_FILE: file } = parseEnv(schema, env, 'fraud');
  let definitions: readonly unknown[] = DEFAULT_FRAUD_RULES as readonly RuleDefinitionInput[];
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new JobsConfigError(
        ['FRAUD_RULES_FILE'],
        `FRAUD_RULES_FILE: cannot read JSON from ${file}: ${String(e)}`,
      );
    }
    if (!Array.isArray(parsed))
      throw new JobsConfigError(
        ['FRAUD_RULES_FILE'],
        `FRAUD_RULES_FILE: ${file} must hold a JSON array of rules`,
      );
    definitions = parsed;
  }
  return definitions.map((definition) => {
    const r = safeParseRuleDefinition(definition);
    if (!r.ok) throw new JobsConfigError(['FRAUD_RULES_FILE'], `FRAUD_RULES_FILE: ${r.error.message}`);
    return r.value;
  });
}
