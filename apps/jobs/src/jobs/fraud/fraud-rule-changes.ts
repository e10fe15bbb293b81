/**
 * The fraud job's rules while it runs: the configured rules (`FRAUD_RULES_FILE`, or the defaults) overlaid, rule id
 * by rule id, by the changes read from the rules topic (`fraud_rules`, compacted: key = rule id, value = the
 * definition's JSON, a tombstone to delete). The overlay is part of the merge's checkpoint, with the offsets that
 * brought it, so a restart or a replay runs exactly the rules it ran before; the configured rules are read again
 * on every start and apply to the ids the topic never touched.
 */
import { FraudError, safeParseRuleDefinition, type FraudDetector, type RuleDefinition } from '@ecom/fraud';
import { tableTopicChange } from '../../runtime/run/table-topic-task.js';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { invalidSnapshot } from '../job-error.js';
import { FRAUD_JOB } from './fraud-options.js';

/**
 * One change of the rules topic, validated: a definition to put, or a rule id to delete.
 *
 * @example
 * const change: RuleChange = { id: 'velocity-1m', definition: null }; // a tombstone: delete velocity-1m
 */
export interface RuleChange {
  readonly id: string;
  /** `null`: delete the rule. */
  readonly definition: RuleDefinition | null;
}

const refuse = (id: string | null, why: string, raw: unknown): FraudError =>
  new FraudError('invalid_rule', `rule ${id ?? '(no key)'} ${why}`, { ...(id ? { ruleId: id } : {}), raw });

/**
 * Reads one forwarded record of the rules topic (a `TableTopicTask` partial) as a {@link RuleChange}.
 *
 * @throws FraudError `invalid_rule` naming the rule id (the record's key) for a record without a key, a value that
 *   is not JSON, a definition zod refuses (the message carries the first issue's path and message, `issues` all of
 *   them) or whose `id` is not the key.
 *
 * @example
 * const change = readRuleChange({ key: 'hv', value: '{"id":"hv","kind":"high-value"}', offset: '0' });
 * change.definition?.kind; // 'high-value'
 */
export function readRuleChange(value: JobResult['value']): RuleChange {
  const change = tableTopicChange(value);
  if (change === null) throw refuse(null, 'change is not a record of the rules topic', value);
  const { key, value: text } = change;
  if (key === null || key === '') throw refuse(null, 'change has no key (the rule id)', change);
  if (text === null) return { id: key, definition: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse(key, 'is not JSON', change);
  }
  const parsed = safeParseRuleDefinition(json);
  if (!parsed.ok)
    throw new FraudError('invalid_rule', parsed.error.message, {
      ruleId: key,
      issues: parsed.error.issues,
      raw: change,
    });
  if (parsed.value.id !== key)
    throw refuse(key, `has the id ${parsed.value.id} in its definition: the key must be the rule id`, change);
  return { id: key, definition: parsed.value };
}

const same = (a: RuleDefinition, b: RuleDefinition): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The configured rules and the topic's changes over them (see the file comment).
 *
 * @example
 * const rules = new FraudRuleChanges([{ id: 'hv', kind: 'high-value', state: 'active', params: { threshold: '1.00' } }]);
 * rules.apply({ id: 'hv', definition: null });
 * rules.effective(); // []
 */
export class FraudRuleChanges {
  /** The topic's changes by rule id, in the order they first touched an id. */
  private changes = new Map<string, RuleDefinition | null>();

  constructor(private readonly configured: readonly RuleDefinition[]) {}

  /** Records a change (it overrides the configured rule of the same id). */
  apply(change: RuleChange): void {
    this.changes.set(change.id, change.definition);
  }

  /** The rules to run: the configured ones the topic did not change, then the topic's (deleted ones left out). */
  effective(): RuleDefinition[] {
    const kept = this.configured.filter((r) => !this.changes.has(r.id));
    const streamed = [...this.changes.values()].filter((d): d is RuleDefinition => d !== null);
    return [...kept, ...streamed];
  }

  /** Makes `detector` run {@link effective}: deletes the others, puts what is new or changed. */
  sync(detector: FraudDetector): void {
    const wanted = this.effective();
    for (const rule of detector.rules())
      if (!wanted.some((w) => w.id === rule.id)) detector.deleteRule(rule.id);
    const running = new Map(detector.rules().map((r) => [r.id, r]));
    for (const rule of wanted) {
      const current = running.get(rule.id);
      if (current === undefined || !same(current, rule)) detector.putRule(rule);
    }
  }

  /** The topic's changes, as `[id, definition or null]` pairs. */
  snapshot(): JsonValue {
    return [...this.changes] as unknown as JsonValue;
  }

  /** Throws `INVALID_SNAPSHOT` for malformed changes (`undefined`: a snapshot from before the rules topic). */
  restore(snapshot: JsonValue | undefined): void {
    this.changes = new Map();
    if (snapshot === undefined) return;
    if (!Array.isArray(snapshot)) throw invalidSnapshot(FRAUD_JOB, 'the rule changes are not a list');
    for (const entry of snapshot) {
      const [id, definition] = Array.isArray(entry) ? entry : [];
      if (typeof id !== 'string') throw invalidSnapshot(FRAUD_JOB, 'a rule change without an id');
      if (definition === null) this.changes.set(id, null);
      else {
        const parsed = safeParseRuleDefinition(definition);
        if (!parsed.ok) throw invalidSnapshot(FRAUD_JOB, `rule change ${id}: ${parsed.error.message}`);
        this.changes.set(id, parsed.value);
      }
    }
  }
}
