import { toMinorUnits } from '@ecom/domain';
import { formatMinor } from '../money.js';
import type { RuleOfKind } from '../rules/rule-schema.js';
import { ruleSpanMs } from '../rules/rule-span.js';
import { describeSpan, orderEvidence, ordersIn, type RuleEvaluator } from './rule-evaluator.js';

const holds = (cmp: number, op: RuleOfKind<'aggregate'>['params']['operator']): boolean =>
  op === '>'
    ? cmp > 0
    : op === '>='
      ? cmp >= 0
      : op === '<'
        ? cmp < 0
        : op === '<='
          ? cmp <= 0
          : op === '='
            ? cmp === 0
            : cmp !== 0;
const compare = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Aggregate (the Flink dynamic-rules demo's rule shape): on each new order, `sum`/`avg`/`min`/`max` of `total_price`
 * (or `count`) over the customer's orders in `[t − window, t]` (both inclusive), compared exactly with `limit`.
 * `avg` compares `sum` with `limit × count` (no rounding); its reported value is truncated to 2 decimals.
 *
 * @example
 * const a = aggregateEvaluator(parseRuleDefinition({ id: 'sum20', kind: 'aggregate', params: { aggregate: 'sum', operator: '>', limit: '50', windowMinutes: 20 } }) as RuleOfKind<'aggregate'>);
 * a.spanMs; // 1200000
 */
export function aggregateEvaluator(def: RuleOfKind<'aggregate'>): RuleEvaluator {
  const span = ruleSpanMs(def);
  const { aggregate, operator } = def.params;
  const limit = toMinorUnits(def.params.limit);
  return {
    def,
    spanMs: span,
    onOrder(ctx, order, _version, isNew) {
      if (!isNew) return;
      const window = ordersIn(ctx.state.orders, order.t - span, order.t);
      let sum = 0n;
      let min = window[0].minor;
      let max = min;
      for (const o of window) {
        sum += o.minor;
        if (o.minor < min) min = o.minor;
        if (o.minor > max) max = o.minor;
      }
      const n = BigInt(window.length);
      const [cmp, value] =
        aggregate === 'count'
          ? [compare(n * 100n, limit), String(n)]
          : aggregate === 'sum'
            ? [compare(sum, limit), formatMinor(sum)]
            : aggregate === 'avg'
              ? [compare(sum, limit * n), formatMinor(sum / n)]
              : aggregate === 'min'
                ? [compare(min, limit), formatMinor(min)]
                : [compare(max, limit), formatMinor(max)];
      if (!holds(cmp, operator)) return;
      ctx.alert(def, 'medium', {
        suffix: `o${order.id}`,
        orderId: order.id,
        eventTime: order.t,
        window: { start: order.t - span, end: order.t },
        evidence: orderEvidence(window, value),
        reason: `${aggregate}(total_price) over ${describeSpan(span)} = ${value} ${operator} ${def.params.limit}`,
      });
    },
  };
}
