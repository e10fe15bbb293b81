import type { FraudAlert } from '../alert.js';
import type { RuleDefinition, Severity } from '../rules/rule-schema.js';
import type { CustomerState, OrderFact, PaymentFact } from '../state/customer-state.js';

/**
 * The alert fields a rule fills in; the detector adds id, rule, kind, severity and customer.
 *
 * @example
 * const parts: AlertParts = { suffix: 'o7', orderId: 7, eventTime: 0, window: { start: 0, end: 0 }, evidence: { orderIds: [7], amounts: ['1.00'], value: '1.00' }, reason: 'r' };
 */
export type AlertParts = Omit<FraudAlert, 'id' | 'ruleId' | 'kind' | 'severity' | 'customerId'> & {
  /** What follows `<ruleId>/<customerId>/` in the alert id: `o<orderId>`, `p<paymentId>` or `w<windowStart>`. */
  readonly suffix: string;
};

/**
 * What an evaluator sees for one customer.
 *
 * @example
 * function fire(ctx: RuleContext, rule: RuleDefinition): void {
 *   ctx.alert(rule, 'medium', { suffix: 'o1', orderId: 1, eventTime: 0, window: { start: 0, end: 0 }, evidence: { orderIds: [1], amounts: ['1.00'], value: '1' }, reason: 'x' });
 * }
 */
export interface RuleContext {
  readonly customerId: number;
  readonly state: CustomerState;
  /** Emits the alert unless its id was emitted before (then nothing happens). */
  alert(rule: RuleDefinition, defaultSeverity: Severity, parts: AlertParts): void;
}

/**
 * One compiled rule: which events it reacts to. Windowed rules see an order once (`isNew`); per-order rules see every
 * version (`total` is the version's) and rely on the alert id for "once per order".
 *
 * @example
 * const noop: RuleEvaluator = { def: parseRuleDefinition({ id: 'hv', kind: 'high-value' }), spanMs: 0 };
 */
export interface RuleEvaluator {
  readonly def: RuleDefinition;
  /** How far back the rule looks (event-time ms). */
  readonly spanMs: number;
  /** items-mode repeated orders: evaluate an order when the watermark passes its time + this. */
  readonly settleMs?: number;
  onOrder?(
    ctx: RuleContext,
    order: OrderFact,
    version: { total: string; minor: bigint },
    isNew: boolean,
  ): void;
  onSettle?(ctx: RuleContext, order: OrderFact): void;
  onPayment?(ctx: RuleContext, payment: PaymentFact, change: 'new' | 'failed'): void;
  onCustomer?(ctx: RuleContext): void;
  /** Whether an armed order of this rule expires (small-then-large with a time limit). */
  readonly armedExpires?: boolean;
}

/**
 * The retained orders with event time in `[start, end]`, in event-time order (ties: arrival order).
 *
 * @example
 * ordersIn([{ id: 2, t: 5, total: '1.00', minor: 100n }, { id: 1, t: 3, total: '1.00', minor: 100n }], 0, 10).map((o) => o.id); // [1, 2]
 */
export function ordersIn(
  orders: readonly OrderFact[],
  start: number,
  end: number,
  keep?: (o: OrderFact) => boolean,
): OrderFact[] {
  const out: OrderFact[] = [];
  let sorted = true;
  for (const o of orders) {
    if (o.t < start || o.t > end || (keep !== undefined && !keep(o))) continue;
    if (out.length && out[out.length - 1].t > o.t) sorted = false;
    out.push(o);
  }
  if (!sorted) out.sort((a, b) => a.t - b.t);
  return out;
}

/**
 * How many retained orders have event time in `[start, end]` (and pass `keep`): the allocation-free test a rule runs
 * on every event before it builds the evidence with {@link ordersIn}.
 *
 * @example
 * countIn([{ id: 2, t: 5, total: '1.00', minor: 100n }, { id: 1, t: 30, total: '1.00', minor: 100n }], 0, 10); // 1
 */
export function countIn<F extends { readonly t: number }>(
  facts: readonly F[],
  start: number,
  end: number,
  keep?: (f: F) => boolean,
): number {
  let n = 0;
  for (const f of facts) if (f.t >= start && f.t <= end && (keep === undefined || keep(f))) n++;
  return n;
}

/**
 * The retained payments with event time in `[start, end]`, in event-time order.
 *
 * @example
 * paymentsIn([], 0, 10); // []
 */
export function paymentsIn(
  payments: readonly PaymentFact[],
  start: number,
  end: number,
  keep?: (p: PaymentFact) => boolean,
): PaymentFact[] {
  const out = payments.filter((p) => p.t >= start && p.t <= end && (keep === undefined || keep(p)));
  return out.sort((a, b) => a.t - b.t);
}

/**
 * Evidence lists from orders.
 *
 * @example
 * orderEvidence([{ id: 1, t: 0, total: '2.00', minor: 200n }], '1'); // { orderIds: [1], amounts: ['2.00'], value: '1' }
 */
export function orderEvidence(
  orders: readonly OrderFact[],
  value: string,
): { orderIds: number[]; amounts: string[]; value: string } {
  return { orderIds: orders.map((o) => o.id), amounts: orders.map((o) => o.total), value };
}

/**
 * "1 minute", "90 seconds", "2.5 minutes": a span for alert reasons.
 *
 * @example
 * describeSpan(60_000); // '1 minute'
 */
export function describeSpan(ms: number): string {
  if (ms % 60_000 !== 0) return `${ms / 1000} seconds`;
  const m = ms / 60_000;
  return m === 1 ? '1 minute' : `${m} minutes`;
}
