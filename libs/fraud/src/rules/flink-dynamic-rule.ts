import { FraudError } from '../errors.js';
import { parseRuleDefinition } from './parse-rule.js';
import type { RuleOfKind } from './rule-schema.js';

/**
 * A rule of the Flink dynamic-rules demo (afedulov/fraud-detection-demo `Rule.java`), as JSON.
 *
 * @example
 * const rule: FlinkDynamicRule = {
 *   ruleId: 1, ruleState: 'ACTIVE', groupingKeyNames: ['taxiId', 'driverId'], unique: [],
 *   aggregateFieldName: 'totalFare', aggregatorFunctionType: 'SUM', limitOperatorType: 'GREATER', limit: 50, windowMinutes: 20,
 * };
 */
export interface FlinkDynamicRule {
  readonly ruleId: number;
  readonly ruleState: string;
  readonly groupingKeyNames?: readonly string[];
  readonly unique?: readonly string[];
  readonly aggregateFieldName: string;
  readonly aggregatorFunctionType: string;
  readonly limitOperatorType: string;
  readonly limit: number;
  readonly windowMinutes: number;
}

const OPERATORS = {
  GREATER: '>',
  GREATER_EQUAL: '>=',
  LESS: '<',
  LESS_EQUAL: '<=',
  EQUAL: '=',
  NOT_EQUAL: '!=',
} as const;
const AGGREGATORS = { SUM: 'sum', AVG: 'avg', MIN: 'min', MAX: 'max' } as const;
const STATES = { ACTIVE: 'active', PAUSE: 'paused' } as const;

/**
 * Maps a Flink dynamic-rules demo rule onto an `aggregate` rule over the orders of one customer: the demo's grouping
 * key becomes the customer (the caller keys its events by customer), `aggregateFieldName` must be `COUNT_FLINK` or a
 * field listed in `fields` (mapped to `total_price`), the window is `[t − windowMinutes, t]` inclusive, as in
 * `DynamicAlertFunction`. `DELETE`/`CONTROL` states, `unique` fields and `COUNT_WITH_RESET_FLINK` are not rule
 * definitions here (`FraudError` `invalid_rule`; delete with `detector.deleteRule`).
 *
 * @example
 * const def = fromFlinkDynamicRule(
 *   { ruleId: 1, ruleState: 'ACTIVE', groupingKeyNames: ['taxiId', 'driverId'], aggregateFieldName: 'totalFare',
 *     aggregatorFunctionType: 'SUM', limitOperatorType: 'GREATER', limit: 50, windowMinutes: 20 },
 *   { fields: ['totalFare'] },
 * );
 * def; // { id: 'flink-1', kind: 'aggregate', state: 'active', params: { aggregate: 'sum', operator: '>', limit: '50', windowMinutes: 20, field: 'total_price' } }
 */
export function fromFlinkDynamicRule(
  rule: FlinkDynamicRule,
  options: { fields?: readonly string[]; idPrefix?: string } = {},
): RuleOfKind<'aggregate'> {
  const id = `${options.idPrefix ?? 'flink-'}${rule.ruleId}`;
  const fail = (why: string): never => {
    throw new FraudError('invalid_rule', `Flink rule ${rule.ruleId}: ${why}`, { ruleId: id, raw: rule });
  };
  const state =
    STATES[rule.ruleState as keyof typeof STATES] ??
    fail(`ruleState ${rule.ruleState} is not a rule definition`);
  if ((rule.unique ?? []).length > 0) fail('unique fields are not supported');
  const counting = rule.aggregateFieldName === 'COUNT_FLINK';
  if (!counting && !(options.fields ?? ['total_price']).includes(rule.aggregateFieldName)) {
    fail(`aggregateFieldName ${rule.aggregateFieldName} is not mapped to total_price`);
  }
  const aggregate = counting
    ? 'count'
    : (AGGREGATORS[rule.aggregatorFunctionType as keyof typeof AGGREGATORS] ??
      fail(`aggregatorFunctionType ${rule.aggregatorFunctionType} is unknown`));
  const operator =
    OPERATORS[rule.limitOperatorType as keyof typeof OPERATORS] ??
    fail(`limitOperatorType ${rule.limitOperatorType} is unknown`);
  return parseRuleDefinition({
    id,
    kind: 'aggregate',
    state,
    params: { aggregate, operator, limit: String(rule.limit), windowMinutes: rule.windowMinutes },
  }) as RuleOfKind<'aggregate'>;
}
