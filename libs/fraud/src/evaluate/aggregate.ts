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
      const start = order.t - span;
      let n = 0n;
      let sum = 0n;
      let min = order.minor;
      let max = min;
      for (const o of ctx.state.orders) {
        if (o.t < start || o.t > order.t) continue;
        n++;
        sum += o.minor;
        if (o.minor < min) min = o.minor;
        if (o.minor > max) max = o.minor;
      }
      const cmp =
        aggregate === 'count'
          ? compare(n * 100n, limit)
          : aggregate === 'sum'
            ? compare(sum, limit)
            : aggregate === 'avg'
              ? compare(sum, limit * n)
              : compare(aggregate === 'min' ? min : max, limit);
      if (!holds(cmp, operator)) return;
      const value =
        aggregate === 'count'
          ? String(n)
          : formatMinor(
              aggregate === 'sum' ? sum : aggregate === 'avg' ? sum / n : aggregate === 'min' ? min : max,
            );
      const window = ordersIn(ctx.state.orders, start, order.t);
      ctx.alert(def, 'medium', {
        suffix: `o${order.id}`,
        orderId: order.id,
        eventTime: order.t,
        window: { start, end: order.t },
        evidence: orderEvidence(window, value),
        reason: `${aggregate}(total_price) over ${describeSpan(span)} = ${value} ${operator} ${def.params.limit}`,
      });
    },
  };
}
